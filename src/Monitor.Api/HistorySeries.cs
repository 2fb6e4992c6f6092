namespace Monitor.Api;

/// <summary>
/// An account's history as columns (the layout chart libraries draw from): Unix seconds and the counts at each instant.
/// Much smaller than a list of points for the tens of thousands of an hourly history. <see cref="Note"/> says why the older
/// part is coarser than <see cref="Resolution"/> (see <see cref="HistoryNote"/>); null when it is not.
/// </summary>
public sealed record HistorySeries(
    string Account,
    string Resolution,
    IReadOnlyList<long> Timestamps,
    IReadOnlyList<long> Followers,
    IReadOnlyList<long?> Following,
    IReadOnlyList<long?> Posts,
    string? Note = null);
