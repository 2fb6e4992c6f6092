using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>A rename seen by a collector: the account kept its id and changed its handle.</summary>
[GenerateSerializer, Immutable, Alias("monitor.HandleChange")]
public sealed record HandleChange([property: Id(0)] string? From, [property: Id(1)] string To, [property: Id(2)] DateTimeOffset At);
