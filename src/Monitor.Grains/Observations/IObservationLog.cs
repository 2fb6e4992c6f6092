namespace Monitor.Grains.Observations;

/// <summary>
/// The durable, append-only log of every accepted observation. Account grains append to it before acknowledging a batch
/// and replay the rows written after their last checkpoint when they activate.
/// </summary>
public interface IObservationLog
{
    /// <summary>
    /// Appends rows (a row whose account and timestamp are already stored is skipped) and returns after they are committed.
    /// The result is a high-water sequence: every stored row of these accounts has a sequence at or below it, and rows
    /// appended later get greater ones; 0 when nothing new was stored.
    /// </summary>
    Task<long> AppendAsync(IReadOnlyList<ObservationRow> rows, CancellationToken cancellationToken = default);

    /// <summary>
    /// The rows of one account with a sequence greater than <paramref name="afterSeq"/>, in sequence order. Rows stamped
    /// before <paramref name="notBefore"/> are not read: a caller that knows no later row can be older (the history's
    /// out-of-order window) bounds the scan with it.
    /// </summary>
    IAsyncEnumerable<ObservationRow> ReadAfterAsync(string account, long afterSeq, DateTimeOffset notBefore = default, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many rows of one account have a sequence in (<paramref name="afterSeq"/>, <paramref name="upToSeq"/>] and a
    /// timestamp at or after <paramref name="notBefore"/>: an account grain compares it with the rows it folded in, to
    /// find rows another activation of the account appended.
    /// </summary>
    Task<long> CountAsync(string account, long afterSeq, long upToSeq, DateTimeOffset notBefore, CancellationToken cancellationToken = default);

    /// <summary>Which of <paramref name="timestamps"/> the log already holds for the account (to tell a re-sent old point from a new one).</summary>
    Task<IReadOnlySet<DateTimeOffset>> FindStoredAsync(string account, IReadOnlyList<DateTimeOffset> timestamps, CancellationToken cancellationToken = default);

    /// <summary>Deletes every row of one account; returns how many were deleted.</summary>
    Task<long> DeleteAccountAsync(string account, CancellationToken cancellationToken = default);
}
