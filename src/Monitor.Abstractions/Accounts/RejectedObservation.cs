using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>An observation that was not stored, with the index it had in the submitted batch and why.</summary>
[GenerateSerializer, Immutable, Alias("monitor.RejectedObservation")]
public sealed record RejectedObservation([property: Id(0)] int Index, [property: Id(1)] string? Account, [property: Id(2)] string Field, [property: Id(3)] string Reason);
