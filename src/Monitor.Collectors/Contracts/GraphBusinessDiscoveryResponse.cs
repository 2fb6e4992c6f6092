using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary>Instagram <c>business_discovery</c> read on our own IG user: the target's counts and stable id.</summary>
public sealed record GraphBusinessDiscoveryResponse(
    [property: JsonPropertyName("business_discovery")] GraphInstagramUser? BusinessDiscovery,
    [property: JsonPropertyName("id")] string? Id);
