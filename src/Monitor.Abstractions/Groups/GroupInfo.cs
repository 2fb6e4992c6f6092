using Orleans;

namespace Monitor.Abstractions.Groups;

/// <summary>A named group of accounts (for example <c>turkic-mfa</c>) and how many members it has.</summary>
[GenerateSerializer, Immutable, Alias("monitor.GroupInfo")]
public sealed record GroupInfo([property: Id(0)] string Name, [property: Id(1)] int Members);
