using Monitor.Abstractions.Accounts;

namespace Monitor.Grains.Directories;

/// <summary>A directory store that keeps nothing beyond the directory's own cache (memory provider).</summary>
internal sealed class InMemoryAccountDirectoryStore : IAccountDirectoryStore
{
    public Task<IReadOnlyList<AccountSummary>> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccountSummary>>([]);

    public Task ApplyAsync(IReadOnlyList<DirectoryChange> changes, CancellationToken cancellationToken) => Task.CompletedTask;
}
