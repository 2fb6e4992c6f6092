using System.Collections.Concurrent;
using Monitor.Grains.Directories;
using Xunit;

namespace Monitor.Grains.Tests.Directories;

/// <summary>The directory's debounce: the latest value per key, written in one batch after the delay or at disposal.</summary>
public sealed class CoalescingFlusherTests
{
    [Fact]
    public async Task Many_updates_of_a_key_before_the_delay_are_one_write_of_the_latest_value()
    {
        var batches = new ConcurrentQueue<string[]>();
        var flusher = new CoalescingFlusher<string>(TimeSpan.FromHours(1), values => Record(batches, values));

        for (var i = 0; i < 100; i++)
        {
            flusher.Set("x:1", $"x:1 v{i}");
        }

        flusher.Set("x:2", "x:2 v0");
        flusher.Set("x:3", "x:3 v0");
        flusher.Forget("x:3");
        Assert.Empty(batches);
        await flusher.DisposeAsync();

        var batch = Assert.Single(batches);
        Assert.Equal(["x:1 v99", "x:2 v0"], batch.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_delay_elapsing_writes_without_disposal_and_later_updates_go_in_a_later_batch()
    {
        var batches = new ConcurrentQueue<string[]>();
        var flushed = new SemaphoreSlim(0);
        await using var flusher = new CoalescingFlusher<string>(TimeSpan.FromMilliseconds(20), async values =>
        {
            await Record(batches, values);
            flushed.Release();
        });

        flusher.Set("x:1", "x:1 v0");
        Assert.True(await flushed.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "The first value was not written.");
        flusher.Set("x:1", "x:1 v1");
        Assert.True(await flushed.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "The second value was not written.");

        Assert.Equal([["x:1 v0"], ["x:1 v1"]], batches);
    }

    private static Task Record(ConcurrentQueue<string[]> batches, IReadOnlyCollection<string> values)
    {
        batches.Enqueue([.. values]);
        return Task.CompletedTask;
    }
}
