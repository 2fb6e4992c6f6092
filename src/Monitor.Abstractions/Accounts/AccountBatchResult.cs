namespace Monitor.Abstractions.Accounts;

/// <summary>The answer to <c>POST /api/accounts/batch</c>: counts by status and one result per item, in request order.</summary>
public sealed record AccountBatchResult(int Created, int Updated, int Unchanged, int Invalid, IReadOnlyList<AccountBatchItemResult> Items)
{
    /// <summary>The counts of <paramref name="items"/>.</summary>
    public static AccountBatchResult Of(IReadOnlyList<AccountBatchItemResult> items) => new(
        items.Count(item => item.Status == AccountBatchStatuses.Created),
        items.Count(item => item.Status == AccountBatchStatuses.Updated),
        items.Count(item => item.Status == AccountBatchStatuses.Unchanged),
        items.Count(item => item.Status == AccountBatchStatuses.Invalid),
        items);
}
