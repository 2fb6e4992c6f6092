using Monitor.Grains.Observations;
using Xunit;

namespace Monitor.Grains.Tests.Observations;

public sealed class AppendQueueTests
{
    [Fact]
    public async Task Concurrent_appends_are_each_committed_once_and_grouped_into_fewer_transactions()
    {
        var committed = new List<int>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sequence = 0L;
        await using var queue = AppendQueue.Create<int>("test", maxBatchRows: 1_000, async (writes, count) =>
        {
            // A commit waits until every append is queued: whatever the first one took, the rest go in one more.
            await release.Task;
            Assert.Equal(writes.Sum(write => write.Count), count);
            committed.AddRange(writes.SelectMany(write => write));
            sequence += count;
            return sequence;
        });

        var queued = new Task<long>[400];
        Parallel.For(0, queued.Length, i => queued[i] = queue.AppendAsync([2 * i, 2 * i + 1]));
        release.SetResult();
        var highWaters = await Task.WhenAll(queued);

        Assert.Equal(Enumerable.Range(0, 800), committed.Order());
        Assert.InRange(queue.Batches, 1, 2);
        Assert.Equal(800, queue.Items);
        Assert.Equal(800, highWaters.Max());
    }

    [Fact]
    public async Task A_transaction_stops_taking_writes_once_it_reaches_the_row_limit()
    {
        var counts = new List<int>();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var queue = AppendQueue.Create<int>("test", maxBatchRows: 10, async (_, count) =>
        {
            entered.TrySetResult();
            await release.Task;
            counts.Add(count);
            return counts.Count;
        });

        var first = queue.AppendAsync([0]);
        await entered.Task;
        var rest = new[] { queue.AppendAsync(new int[6]), queue.AppendAsync(new int[6]), queue.AppendAsync(new int[25]), queue.AppendAsync([1]) };
        release.SetResult();
        await Task.WhenAll(rest.Prepend(first));

        // Writes are never split: 6 + 6 crosses the limit of 10 and ends that transaction; 25 goes whole, alone.
        Assert.Equal([1, 12, 25, 1], counts);
    }

    [Fact]
    public async Task A_failed_commit_fails_every_append_in_it_and_the_next_commit_runs()
    {
        var attempts = 0;
        await using var queue = AppendQueue.Create<int>("test", maxBatchRows: 100, (_, count) =>
            ++attempts == 1 ? Task.FromException<long>(new InvalidOperationException("disk full")) : Task.FromResult<long>(count));

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => queue.AppendAsync([1, 2]));
        var next = await queue.AppendAsync([3]);

        Assert.Equal("disk full", failed.Message);
        Assert.Equal(1, next);
        Assert.Equal(1, queue.Batches);
    }

    [Fact]
    public async Task Dispose_commits_what_is_queued_and_later_appends_are_refused()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = 0;
        var queue = AppendQueue.Create<int>("test", maxBatchRows: 100, async (_, count) =>
        {
            await release.Task;
            committed += count;
            return committed;
        });

        var queued = Enumerable.Range(0, 50).Select(i => queue.AppendAsync([i])).ToArray();
        var disposing = queue.DisposeAsync().AsTask();
        Assert.Throws<ObjectDisposedException>(() => { _ = queue.AppendAsync([99]); });
        release.SetResult();
        await disposing;
        await Task.WhenAll(queued);

        Assert.Equal(50, committed);
        Assert.Equal(50, queue.Items);
    }
}
