using Monitor.Grains.Observations;

namespace Monitor.Grains.Tests.Support;

/// <summary>An observation log whose next append fails (as a lost database connection would), then works again.</summary>
public sealed class FailingObservationLog(IObservationLog inner) : DelegatingObservationLog(inner)
{
    private int _failNext;

    public void FailNextAppend() => Interlocked.Exchange(ref _failNext, 1);

    public override Task<long> AppendAsync(IReadOnlyList<ObservationRow> rows, CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref _failNext, 0) == 1
            ? Task.FromException<long>(new IOException("The log's database went away."))
            : Inner.AppendAsync(rows, cancellationToken);
}
