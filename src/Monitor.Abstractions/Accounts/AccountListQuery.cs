using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>Filters and paging for the account list; null filters match everything. <see cref="Text"/> matches key, handle or display name.</summary>
[GenerateSerializer, Immutable, Alias("monitor.AccountListQuery")]
public sealed record AccountListQuery(
    [property: Id(0)] string? Platform = null,
    [property: Id(1)] string? Group = null,
    [property: Id(2)] string? Tag = null,
    [property: Id(3)] string? Text = null,
    [property: Id(4)] int Offset = 0,
    [property: Id(5)] int Limit = 100);
