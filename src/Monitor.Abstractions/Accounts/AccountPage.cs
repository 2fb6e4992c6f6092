using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>A page of account summaries and the total number that matched.</summary>
[GenerateSerializer, Immutable, Alias("monitor.AccountPage")]
public sealed record AccountPage([property: Id(0)] IReadOnlyList<AccountSummary> Items, [property: Id(1)] int Total, [property: Id(2)] int Offset, [property: Id(3)] int Limit);
