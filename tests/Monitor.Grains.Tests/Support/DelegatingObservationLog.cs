using Monitor.Grains.Observations;

namespace Monitor.Grains.Tests.Support;

/// <summary>An observation log that passes every call to <paramref name="inner"/>; test logs override what they change.</summary>
public abstract class DelegatingObservationLog(IObservationLog inner) : IObservationLog
{
    protected IObservationLog Inner => inner;

    public virtual Task<long> AppendAsync(IReadOnlyList<ObservationRow> rows, CancellationToken cancellationToken = default) =>
        inner.AppendAsync(rows, cancellationToken);

    public virtual IAsyncEnumerable<ObservationRow> ReadAfterAsync(string account, long afterSeq, DateTimeOffset notBefore = default, CancellationToken cancellationToken = default) =>
        inner.ReadAfterAsync(account, afterSeq, notBefore, cancellationToken);

    public Task<long> CountAsync(string account, long afterSeq, long upToSeq, DateTimeOffset notBefore, CancellationToken cancellationToken = default) =>
        inner.CountAsync(account, afterSeq, upToSeq, notBefore, cancellationToken);

    public Task<IReadOnlySet<DateTimeOffset>> FindStoredAsync(string account, IReadOnlyList<DateTimeOffset> timestamps, CancellationToken cancellationToken = default) =>
        inner.FindStoredAsync(account, timestamps, cancellationToken);

    public Task<long> DeleteAccountAsync(string account, CancellationToken cancellationToken = default) =>
        inner.DeleteAccountAsync(account, cancellationToken);
}
