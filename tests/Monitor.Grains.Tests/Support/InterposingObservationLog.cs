using System.Runtime.CompilerServices;
using Monitor.Grains.Observations;

namespace Monitor.Grains.Tests.Support;

/// <summary>
/// An observation log that runs a step of the test at a chosen point of the grain's use of it: just before the next
/// append reaches the log, or when an account's rows are first read. It stands for what another silo does meanwhile.
/// </summary>
public sealed class InterposingObservationLog(IObservationLog inner) : DelegatingObservationLog(inner)
{
    private Func<Task>? _beforeNextAppend;
    private Func<string, Task>? _onRead;

    /// <summary>Runs <paramref name="step"/> once, before the next append is stored.</summary>
    public void BeforeNextAppend(Func<Task> step) => Interlocked.Exchange(ref _beforeNextAppend, step);

    /// <summary>Runs <paramref name="step"/> with the account before every read of its rows after a checkpoint.</summary>
    public void OnRead(Func<string, Task>? step) => Interlocked.Exchange(ref _onRead, step);

    public override async Task<long> AppendAsync(IReadOnlyList<ObservationRow> rows, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _beforeNextAppend, null) is { } step)
        {
            await step();
        }

        return await Inner.AppendAsync(rows, cancellationToken);
    }

    public override async IAsyncEnumerable<ObservationRow> ReadAfterAsync(
        string account, long afterSeq, DateTimeOffset notBefore = default, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _onRead) is { } step)
        {
            await step(account);
        }

        await foreach (var row in Inner.ReadAfterAsync(account, afterSeq, notBefore, cancellationToken))
        {
            yield return row;
        }
    }
}
