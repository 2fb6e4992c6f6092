using Orleans;

namespace Monitor.Abstractions.Alerts;

/// <summary>An episode change published by an account grain: <see cref="Change"/> is opened, updated or resolved.</summary>
[GenerateSerializer, Immutable, Alias("monitor.EpisodeEvent")]
public sealed record EpisodeEvent([property: Id(0)] string Change, [property: Id(1)] AlertView Episode);
