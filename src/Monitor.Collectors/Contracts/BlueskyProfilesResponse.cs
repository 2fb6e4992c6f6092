using System.Text.Json.Serialization;

namespace Monitor.Collectors.Contracts;

/// <summary><c>app.bsky.actor.getProfiles</c>: the profiles it could resolve (others are silently left out).</summary>
public sealed record BlueskyProfilesResponse([property: JsonPropertyName("profiles")] IReadOnlyList<BlueskyProfile>? Profiles);
