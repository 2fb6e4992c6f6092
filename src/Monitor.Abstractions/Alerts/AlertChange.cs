using Orleans;

namespace Monitor.Abstractions.Alerts;

/// <summary>A change to an alert as the live stream carries it; <see cref="Sequence"/> orders changes and resumes a stream.</summary>
[GenerateSerializer, Immutable, Alias("monitor.AlertChange")]
public sealed record AlertChange([property: Id(0)] long Sequence, [property: Id(1)] string Change, [property: Id(2)] AlertView Alert);
