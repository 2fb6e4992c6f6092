using Monitor.Storage.GroupCommit;
using Orleans.Runtime;
using Xunit;

namespace Monitor.Storage.Tests;

public sealed class GroupCommitQueueTests
{
    [Fact]
    public async Task Operations_queued_while_a_batch_commits_go_together_in_the_next_batch()
    {
        var commits = new GatedCommits();
        await using var queue = commits.CreateQueue(maxBatchSize: 1000);
        var first = Write(1);
        queue.Enqueue(first);
        await commits.FirstBatchEntered;

        var queued = Enumerable.Range(2, 100).Select(Write).ToList();
        queued.ForEach(queue.Enqueue);
        commits.Release();
        await Task.WhenAll(queued.Select(op => op.Completion));

        Assert.Equal([1, 100], commits.BatchSizes);
        Assert.Equal(101, queue.Items);
    }

    [Fact]
    public async Task A_batch_holds_at_most_the_configured_number_of_operations()
    {
        var commits = new GatedCommits();
        await using var queue = commits.CreateQueue(maxBatchSize: 30);
        queue.Enqueue(Write(0));
        await commits.FirstBatchEntered;

        var queued = Enumerable.Range(1, 100).Select(Write).ToList();
        queued.ForEach(queue.Enqueue);
        commits.Release();
        await Task.WhenAll(queued.Select(op => op.Completion));

        Assert.Equal([1, 30, 30, 30, 10], commits.BatchSizes);
    }

    [Fact]
    public async Task A_batch_closes_once_its_payloads_reach_the_byte_limit()
    {
        var commits = new GatedCommits();
        await using var queue = commits.CreateQueue(maxBatchSize: 1000, maxBatchBytes: 1000);
        queue.Enqueue(Write(0));
        await commits.FirstBatchEntered;

        var queued = Enumerable.Range(1, 10).Select(i => WriteWithPayload(i, payloadBytes: 400)).ToList();
        queued.ForEach(queue.Enqueue);
        commits.Release();
        await Task.WhenAll(queued.Select(op => op.Completion));

        Assert.Equal([1, 3, 3, 3, 1], commits.BatchSizes);
    }

    [Fact]
    public async Task An_operation_cancelled_while_queued_is_left_out_of_its_batch()
    {
        var commits = new GatedCommits();
        await using var queue = commits.CreateQueue(maxBatchSize: 1000);
        queue.Enqueue(Write(0));
        await commits.FirstBatchEntered;
        using var cancellation = new CancellationTokenSource();
        var cancelled = Write(1);
        var kept = Write(2);
        using (cancelled.RegisterCancellation(cancellation.Token))
        {
            queue.Enqueue(cancelled);
            queue.Enqueue(kept);
            await cancellation.CancelAsync();
        }

        commits.Release();
        await kept.Completion;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Completion);
        Assert.Equal([1, 1], commits.BatchSizes);
        Assert.DoesNotContain(cancelled, commits.Committed);
    }

    [Fact]
    public async Task An_operation_already_in_a_committing_batch_is_not_cancelled()
    {
        var commits = new GatedCommits();
        await using var queue = commits.CreateQueue(maxBatchSize: 1000);
        using var cancellation = new CancellationTokenSource();
        var operation = Write(0);
        using var registration = operation.RegisterCancellation(cancellation.Token);
        queue.Enqueue(operation);
        await commits.FirstBatchEntered;

        await cancellation.CancelAsync();
        commits.Release();

        Assert.Equal(1, await operation.Completion);
    }

    [Fact]
    public async Task A_failing_commit_fails_the_operations_it_left_open_and_the_queue_keeps_going()
    {
        var attempts = 0;
        await using var queue = new GroupCommitQueue<StorageOperation>(100, long.MaxValue, 1, batch =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                throw new InvalidOperationException("disk on fire");
            }

            batch.ForEach(op => op.Succeed(7));
            return Task.CompletedTask;
        });
        var failed = Write(1);
        queue.Enqueue(failed);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failed.Completion);

        var next = Write(2);
        queue.Enqueue(next);

        Assert.Equal("disk on fire", error.Message);
        Assert.Equal(7, await next.Completion);
    }

    [Fact]
    public async Task Disposing_commits_what_is_queued_and_then_refuses_new_operations()
    {
        var commits = new GatedCommits();
        var queue = commits.CreateQueue(maxBatchSize: 1000);
        queue.Enqueue(Write(0));
        await commits.FirstBatchEntered;
        var queued = Enumerable.Range(1, 5).Select(Write).ToList();
        queued.ForEach(queue.Enqueue);

        var disposing = queue.DisposeAsync();
        commits.Release();
        await disposing;

        Assert.All(queued, op => Assert.True(op.Completion.IsCompletedSuccessfully));
        Assert.Throws<ObjectDisposedException>(() => queue.Enqueue(Write(6)));
    }

    [Fact]
    public async Task Operations_enqueued_from_many_threads_are_each_committed_once()
    {
        var commits = new GatedCommits();
        await using var queue = commits.CreateQueue(maxBatchSize: 10_000);
        var operations = Enumerable.Range(0, 2_000).Select(Write).ToArray();
        Parallel.ForEach(operations, queue.Enqueue);
        commits.Release();
        await Task.WhenAll(operations.Select(op => op.Completion));

        Assert.Equal(operations.Length, commits.Committed.Distinct().Count());
        Assert.Equal(operations.Length, commits.Committed.Count);
        Assert.Equal(operations.Length, queue.Items);
    }

    [Fact]
    public async Task With_two_commit_loops_a_second_batch_commits_while_the_first_is_held()
    {
        var firstHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var queue = new GroupCommitQueue<StorageOperation>(100, long.MaxValue, concurrency: 2, async batch =>
        {
            if (batch[0].GrainId.Key.ToString() == "0")
            {
                firstHeld.SetResult();
                await releaseFirst.Task;
            }

            batch.ForEach(op => op.Succeed(1));
        });
        var first = Write(0);
        queue.Enqueue(first);
        await firstHeld.Task;

        var second = Write(1);
        queue.Enqueue(second);
        // With one loop the second batch would wait behind the first: the bound turns that hang into a failure.
        await second.Completion.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.False(first.Completion.IsCompleted);
        releaseFirst.SetResult();
        Assert.Equal(1, await first.Completion);
    }

    [Fact]
    public async Task Disposing_with_two_commit_loops_commits_everything_queued()
    {
        var commits = new GatedCommits();
        var queue = commits.CreateQueue(maxBatchSize: 3, concurrency: 2);
        var queued = Enumerable.Range(0, 20).Select(Write).ToList();
        queued.ForEach(queue.Enqueue);

        var disposing = queue.DisposeAsync();
        commits.Release();
        await disposing;

        Assert.All(queued, op => Assert.True(op.Completion.IsCompletedSuccessfully));
        Assert.Equal(20, commits.Committed.Count);
    }

    private static StorageOperation Write(int index) => WriteWithPayload(index, payloadBytes: 1);

    private static StorageOperation WriteWithPayload(int index, int payloadBytes) =>
        new(StorageOperationKind.Write, "state", GrainId.Create("account", index.ToString(System.Globalization.CultureInfo.InvariantCulture)), new byte[payloadBytes], null);

    /// <summary>A commit that holds its first batch until released, and records every batch.</summary>
    private sealed class GatedCommits
    {
        private readonly TaskCompletionSource _firstEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private readonly List<int> _batchSizes = [];
        private readonly List<StorageOperation> _committed = [];
        private long _version;

        public Task FirstBatchEntered => _firstEntered.Task;

        public List<int> BatchSizes
        {
            get
            {
                lock (_lock)
                {
                    return [.. _batchSizes];
                }
            }
        }

        public List<StorageOperation> Committed
        {
            get
            {
                lock (_lock)
                {
                    return [.. _committed];
                }
            }
        }

        public GroupCommitQueue<StorageOperation> CreateQueue(int maxBatchSize, long maxBatchBytes = long.MaxValue, int concurrency = 1) =>
            new(maxBatchSize, maxBatchBytes, concurrency, CommitAsync);

        public void Release() => _release.TrySetResult();

        private async Task CommitAsync(List<StorageOperation> batch)
        {
            lock (_lock)
            {
                _batchSizes.Add(batch.Count);
                _committed.AddRange(batch);
            }

            _firstEntered.TrySetResult();
            await _release.Task;
            foreach (var operation in batch)
            {
                operation.Succeed(Interlocked.Increment(ref _version));
            }
        }
    }
}
