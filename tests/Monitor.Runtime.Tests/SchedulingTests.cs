using Monitor.Runtime.Tests.Grains;
using Monitor.Runtime.Tests.Infrastructure;
using Xunit;

namespace Monitor.Runtime.Tests;

public sealed class SchedulingTests
{
    [Fact]
    public async Task Non_reentrant_calls_run_one_at_a_time_across_awaits_in_arrival_order()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<ISequenceGrain, SequenceGrain>());
        var grain = silo.Grain<ISequenceGrain>("ordered");

        var calls = Enumerable.Range(0, 50).Select(grain.RecordAsync).ToArray();
        await Task.WhenAll(calls).WithDeadline();

        Assert.Equal(0, silo.Probe.Count("interleaved"));
        var expected = Enumerable.Range(0, 50).SelectMany(step => new[] { $"start:{step}", $"end:{step}" });
        Assert.Equal(expected, silo.Probe.Log);
    }

    [Fact]
    public async Task Non_reentrant_calls_from_many_threads_never_interleave()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<ISequenceGrain, SequenceGrain>());
        var grain = silo.Grain<ISequenceGrain>("contended");

        await Task.WhenAll(Enumerable.Range(0, 200).Select(step => Task.Run(() => grain.RecordAsync(step)))).WithDeadline();

        Assert.Equal(0, silo.Probe.Count("interleaved"));
        var log = silo.Probe.Log;
        Assert.Equal(400, log.Count);
        for (var i = 0; i < log.Count; i += 2)
        {
            Assert.Equal(log[i].Replace("start:", "end:", StringComparison.Ordinal), log[i + 1]);
        }
    }

    [Fact]
    public async Task ReadOnly_calls_overlap_each_other()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IGateGrain, GateGrain>());
        var grain = silo.Grain<IGateGrain>("readers");

        var first = grain.ReadAsync("r1");
        var second = grain.ReadAsync("r2");
        // Both readers are inside before either may leave: they overlap.
        await silo.Probe.WaitForAsync("read-entered", 2);
        silo.Probe.Open("release");
        await Task.WhenAll(first, second).WithDeadline();

        Assert.Equal(["read-start:r1", "read-start:r2"], silo.Probe.Log.Take(2));
    }

    [Fact]
    public async Task ReadOnly_calls_wait_for_a_running_writer_and_a_queued_writer_waits_for_readers()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IGateGrain, GateGrain>());
        var grain = silo.Grain<IGateGrain>("mixed");

        var writer = grain.WriteAsync("w1");
        await silo.Probe.WaitForAsync("write-entered");
        var reader = grain.ReadAsync("r1");
        var secondWriter = grain.WriteAsync("w2");
        silo.Probe.Open("release");
        await Task.WhenAll(writer, reader, secondWriter).WithDeadline();

        Assert.Equal(["write-start:w1", "write-end:w1", "read-start:r1", "read-end:r1", "write-start:w2", "write-end:w2"], silo.Probe.Log);
    }

    [Fact]
    public async Task Reentrant_grain_interleaves_its_calls()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IReentrantGateGrain, ReentrantGateGrain>());
        var grain = silo.Grain<IReentrantGateGrain>("reentrant");

        var calls = Enumerable.Range(0, 3).Select(_ => grain.EnterAsync()).ToArray();
        await silo.Probe.WaitForAsync("entered", 3);
        silo.Probe.Open("release");
        var mostInside = await Task.WhenAll(calls).WithDeadline();

        Assert.Equal(3, mostInside.Max());
    }

    [Fact]
    public async Task AlwaysInterleave_call_runs_while_a_writer_is_blocked()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IGateGrain, GateGrain>());
        var grain = silo.Grain<IGateGrain>("interleave");

        var writer = grain.WriteAsync("w1");
        await silo.Probe.WaitForAsync("write-entered");
        await grain.PingAsync().WithDeadline();

        Assert.False(writer.IsCompleted);
        Assert.Equal(1, silo.Probe.Count("ping"));
        silo.Probe.Open("release");
        await writer.WithDeadline();
    }
}
