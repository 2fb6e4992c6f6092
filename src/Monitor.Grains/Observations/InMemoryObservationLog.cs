using System.Runtime.CompilerServices;

namespace Monitor.Grains.Observations;

/// <summary>An <see cref="IObservationLog"/> in process memory, for tests and the memory storage provider.</summary>
public sealed class InMemoryObservationLog : IObservationLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AccountRows> _accounts = new(StringComparer.Ordinal);
    private long _lastSeq;

    /// <summary>How many rows the log holds.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _accounts.Values.Sum(rows => rows.BySeq.Count);
            }
        }
    }

    /// <inheritdoc />
    public Task<long> AppendAsync(IReadOnlyList<ObservationRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        cancellationToken.ThrowIfCancellationRequested();
        long highWater = 0;
        lock (_lock)
        {
            foreach (var row in rows)
            {
                ArgumentException.ThrowIfNullOrEmpty(row.Account, nameof(row.Account));
                if (!_accounts.TryGetValue(row.Account, out var account))
                {
                    account = new AccountRows();
                    _accounts.Add(row.Account, account);
                }

                var timestamp = ObservationTime.Truncate(row.Timestamp);
                if (account.Timestamps.Add(timestamp))
                {
                    highWater = ++_lastSeq;
                    account.BySeq.Add(row with { Timestamp = timestamp, Seq = highWater });
                }
            }
        }

        return Task.FromResult(highWater);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ObservationRow> ReadAfterAsync(string account, long afterSeq, DateTimeOffset notBefore = default, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ObservationRow[] snapshot;
        lock (_lock)
        {
            snapshot = _accounts.TryGetValue(account, out var rows) ? rows.BySeq.Where(row => IsAfter(row, afterSeq, long.MaxValue, notBefore)).ToArray() : [];
        }

        foreach (var row in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> CountAsync(string account, long afterSeq, long upToSeq, DateTimeOffset notBefore, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        lock (_lock)
        {
            return Task.FromResult(_accounts.TryGetValue(account, out var rows)
                ? (long)rows.BySeq.Count(row => IsAfter(row, afterSeq, upToSeq, notBefore))
                : 0L);
        }
    }

    // What a replay reads and a checkpoint counts (as the SQL logs' filter).
    private static bool IsAfter(ObservationRow row, long afterSeq, long upToSeq, DateTimeOffset notBefore) =>
        row.Seq > afterSeq && row.Seq <= upToSeq && row.Timestamp >= notBefore;

    /// <inheritdoc />
    public Task<IReadOnlySet<DateTimeOffset>> FindStoredAsync(string account, IReadOnlyList<DateTimeOffset> timestamps, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentNullException.ThrowIfNull(timestamps);
        lock (_lock)
        {
            IReadOnlySet<DateTimeOffset> found = _accounts.TryGetValue(account, out var rows)
                ? timestamps.Select(ObservationTime.Truncate).Where(rows.Timestamps.Contains).ToHashSet()
                : new HashSet<DateTimeOffset>();
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<long> DeleteAccountAsync(string account, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        lock (_lock)
        {
            return Task.FromResult(_accounts.Remove(account, out var rows) ? (long)rows.BySeq.Count : 0L);
        }
    }

    private sealed class AccountRows
    {
        public HashSet<DateTimeOffset> Timestamps { get; } = [];

        public List<ObservationRow> BySeq { get; } = [];
    }
}
