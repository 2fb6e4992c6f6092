using Monitor.Storage.GroupCommit;

namespace Monitor.Grains.Observations;

/// <summary>
/// Rows appended to a log (observations, directory changes) waiting in a <see cref="GroupCommitQueue{TEntry}"/>; its task
/// completes with the high-water sequence of the commit that holds them.
/// </summary>
internal sealed class PendingAppend<TItem>(IReadOnlyList<TItem> rows) : GroupCommitEntry
{
    private readonly TaskCompletionSource<long> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<TItem> Rows { get; } = rows;

    /// <summary>The rows: the batch limit counts rows.</summary>
    public override int Items => Rows.Count;

    public Task<long> Completion => _completion.Task;

    public void Succeed(long highWater) => _completion.TrySetResult(highWater);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
