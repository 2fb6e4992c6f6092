using System.Diagnostics;
using Monitor.Storage.GroupCommit;

namespace Monitor.Grains.Observations;

/// <summary>The group-commit queue of an append-only store: one commit loop, batches limited by rows, metrics by store.</summary>
internal static class AppendQueue
{
    /// <param name="store">Names the store in the commit metrics (<c>observation_log.sqlite</c>, ...).</param>
    /// <param name="maxBatchRows">The most rows one transaction takes (a single larger append still goes whole).</param>
    /// <param name="commit">Commits the appends (and their total row count) in one transaction; returns the high-water sequence.</param>
    public static GroupCommitQueue<PendingAppend<TItem>> Create<TItem>(string store, int maxBatchRows,
        Func<IReadOnlyList<IReadOnlyList<TItem>>, int, Task<long>> commit)
    {
        ArgumentException.ThrowIfNullOrEmpty(store);
        ArgumentNullException.ThrowIfNull(commit);
        var storeTag = new KeyValuePair<string, object?>("store", store);
        return new GroupCommitQueue<PendingAppend<TItem>>(maxBatchRows, long.MaxValue, concurrency: 1, async batch =>
        {
            var rows = batch.Sum(append => append.Items);
            var started = Stopwatch.GetTimestamp();
            var highWater = await commit(batch.ConvertAll(append => append.Rows), rows).ConfigureAwait(false);
            GroupCommitInstruments.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, storeTag);
            GroupCommitInstruments.Items.Record(rows, storeTag);
            foreach (var append in batch)
            {
                append.Succeed(highWater);
            }
        });
    }

    /// <summary>Queues <paramref name="rows"/>; completes with the commit's high-water sequence once they are committed.</summary>
    public static Task<long> AppendAsync<TItem>(this GroupCommitQueue<PendingAppend<TItem>> queue, IReadOnlyList<TItem> rows)
    {
        var append = new PendingAppend<TItem>(rows);
        queue.Enqueue(append);
        return append.Completion;
    }
}
