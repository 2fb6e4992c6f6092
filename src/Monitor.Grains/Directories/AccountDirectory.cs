using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Groups;
using Monitor.Grains.Observations;
using Monitor.Storage.GroupCommit;

namespace Monitor.Grains.Directories;

/// <summary>
/// The <see cref="IAccountDirectory"/>: every account's latest summary in memory (loaded from the table on first use),
/// written through to the table in coalesced group commits. Queries never touch the database.
/// </summary>
public sealed class AccountDirectory : IAccountDirectory, IAsyncDisposable
{
    private readonly IAccountDirectoryStore _store;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AccountSummary> _accounts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private readonly GroupCommitQueue<PendingAppend<DirectoryChange>> _writes;
    private readonly CoalescingFlusher<AccountSummary> _refreshes;
    private int _disposed;
    private volatile bool _loaded;

    /// <param name="refreshDelay">How long <see cref="Refresh"/> collects summaries before writing them in one transaction.</param>
    internal AccountDirectory(IAccountDirectoryStore store, ILogger<AccountDirectory> logger, TimeSpan? refreshDelay = null)
    {
        _store = store;
        _logger = logger;
        _writes = AppendQueue.Create<DirectoryChange>("account_directory", 4096, CommitAsync);
        _refreshes = new CoalescingFlusher<AccountSummary>(refreshDelay ?? TimeSpan.FromMilliseconds(500), WriteRefreshesAsync);
    }

    /// <inheritdoc />
    public async Task<AccountPage> ListAsync(AccountListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, $"{nameof(query)}.{nameof(query.Offset)}");
        if (query.Limit is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException($"{nameof(query)}.{nameof(query.Limit)}", query.Limit, "The page size must be between 1 and 10000.");
        }

        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        List<AccountSummary> matches;
        lock (_lock)
        {
            matches = _accounts.Values.Where(summary => Matches(summary, query)).ToList();
        }

        matches.Sort((a, b) => string.CompareOrdinal(a.Account, b.Account));
        var page = matches.Skip(query.Offset).Take(query.Limit).ToList();
        return new AccountPage(page, matches.Count, query.Offset, query.Limit);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<GroupInfo>> ListGroupsAsync(CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            return _accounts.Values
                .SelectMany(summary => (summary.Profile.Groups ?? []).Distinct(StringComparer.Ordinal))
                .GroupBy(group => group, StringComparer.Ordinal)
                .Select(group => new GroupInfo(group.Key, group.Count()))
                .OrderBy(group => group.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AccountSummary>> GetGroupMembersAsync(string group, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            return _accounts.Values
                .Where(summary => summary.Profile.Groups?.Contains(group, StringComparer.Ordinal) == true)
                .OrderBy(summary => summary.Account, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>Records the summary at once for queries; the returned task completes when the row is stored.</summary>
    public async Task UpsertAsync(AccountSummary summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentException.ThrowIfNullOrEmpty(summary.Account, $"{nameof(summary)}.{nameof(summary.Account)}");
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _accounts[summary.Account] = summary;
        }

        await _writes.AppendAsync([new DirectoryChange(summary.Account, summary)]).ConfigureAwait(false);
    }

    /// <summary>
    /// Records an account's new figures for queries at once and writes them within <c>refreshDelay</c>, coalesced with
    /// every other refresh meanwhile: the per-batch path of the account grains, which need not wait for an index.
    /// </summary>
    internal void Refresh(AccountSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        lock (_lock)
        {
            // Before the first load the cache would be overwritten by older rows; the pending write still wins in storage.
            // Under the directory's lock, so a concurrent RemoveAsync cannot leave the row pending after its delete.
            _accounts[summary.Account] = summary;
            _refreshes.Set(summary.Account, summary);
        }
    }

    /// <summary>Drops the account from queries at once; the returned task completes when the row is deleted.</summary>
    public async Task RemoveAsync(string account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            _accounts.Remove(account);
            _refreshes.Forget(account);
        }

        await _writes.AppendAsync([new DirectoryChange(account, null)]).ConfigureAwait(false);
    }

    /// <summary>Writes what is queued (once: the container may dispose it under both of its registrations).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _refreshes.DisposeAsync().ConfigureAwait(false);
        await _writes.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteRefreshesAsync(IReadOnlyCollection<AccountSummary> summaries)
    {
        try
        {
            await EnsureLoadedAsync(CancellationToken.None).ConfigureAwait(false);
            await _writes.AppendAsync([.. summaries.Select(summary => new DirectoryChange(summary.Account, summary))]).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Logged by CommitAsync too; the rows are rewritten on each account's next change.
            _logger.LogDebug(ex, "A directory refresh of {Count} rows failed.", summaries.Count);
        }
    }

    private static bool Matches(AccountSummary summary, AccountListQuery query)
    {
        if (query.Platform is { } platform && !string.Equals(summary.Platform, platform, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (query.Group is { } group && summary.Profile.Groups?.Contains(group, StringComparer.Ordinal) != true)
        {
            return false;
        }

        if (query.Tag is { } tag && summary.Profile.Tags?.Contains(tag, StringComparer.Ordinal) != true)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(query.Text))
        {
            return summary.Account.Contains(query.Text, StringComparison.OrdinalIgnoreCase)
                || summary.Profile.Handle?.Contains(query.Text, StringComparison.OrdinalIgnoreCase) == true
                || summary.Profile.DisplayName?.Contains(query.Text, StringComparison.OrdinalIgnoreCase) == true;
        }

        return true;
    }

    private Task EnsureLoadedAsync(CancellationToken cancellationToken) => _loaded ? Task.CompletedTask : LoadAsync(cancellationToken);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _loadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return;
            }

            var stored = await _store.LoadAsync(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                foreach (var summary in stored)
                {
                    // A grain may have upserted already; its newer summary wins.
                    _accounts.TryAdd(summary.Account, summary);
                }
            }

            _loaded = true;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    private async Task<long> CommitAsync(IReadOnlyList<IReadOnlyList<DirectoryChange>> writes, int count)
    {
        // The last change per account wins; earlier ones in the same batch are superseded.
        var latest = new Dictionary<string, DirectoryChange>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            foreach (var change in write)
            {
                latest[change.Account] = change;
            }
        }

        try
        {
            await _store.ApplyAsync([.. latest.Values], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Could not store {Count} account directory rows; they stay in memory and are written on the accounts' next change.", latest.Count);
            throw;
        }

        return 0;
    }
}
