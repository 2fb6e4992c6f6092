using Monitor.Abstractions.Accounts;

namespace Monitor.Grains.Directories;

/// <summary>Where <see cref="AccountDirectory"/> keeps its rows: loaded once at start, then written in coalesced batches.</summary>
internal interface IAccountDirectoryStore
{
    Task<IReadOnlyList<AccountSummary>> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Upserts and deletes in one transaction; holds at most one change per account.</summary>
    Task ApplyAsync(IReadOnlyList<DirectoryChange> changes, CancellationToken cancellationToken);
}
