using Monitor.Grains.Observations;

namespace Monitor.Grains.Tests.Support;

/// <summary>An observation log whose next append fails (as a lost database connection would), then works again.</summary>
public sealed class FailingObservationLog(IObservationLog inner) : IObservationLog
{
    private int _failNext;

    public void FailNextAppend() => Interlocked.Exchange(ref _failNext, 1);

    public Task<long> AppendAsync(IReadOnlyList<ObservationRow> rows, CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _failNext, 0) == 1
            ? Task.FromException<long>(new IOException("The log's database went away."))
            : inner.AppendAsync(rows, cancellationToken);

    public IAsyncEnumerable<ObservationRow> ReadAfterAsync(string account, long afterSeq, DateTimeOffset notBefore = default, CancellationToken cancellationToken = default) =>
        inner.ReadAfterAsync(account, afterSeq, notBefore, cancellationToken);

    public Task<long> CountAsync(string account, long afterSeq, long upToSeq, DateTimeOffset notBefore, CancellationToken cancellationToken = default) =>
        inner.CountAsync(account, afterSeq, upToSeq, notBefore, cancellationToken);

    public Task<IReadOnlySet<DateTimeOffset>> FindStoredAsync(string account, IReadOnlyList<DateTimeOffset> timestamps, CancellationToken cancellationToken = default) =>
        inner.FindStoredAsync(account, timestamps, cancellationToken);

    public Task<long> DeleteAccountAsync(string account, CancellationToken cancellationToken = default) =>
        inner.DeleteAccountAsync(account, cancellationToken);
}
