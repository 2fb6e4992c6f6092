using Monitor.Runtime.Configuration;
using Monitor.Runtime.Tests.Grains;
using Monitor.Runtime.Tests.Infrastructure;
using Xunit;

namespace Monitor.Runtime.Tests;

public sealed class TimerTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    private static bool IsGrainTimer(object? state) => state?.GetType().Name.StartsWith("GrainTimer", StringComparison.Ordinal) == true;

    private static Task<TestSilo> StartSiloAsync(ManualTimeProvider clock) => TestSilo.StartAsync(
        s => s.AddGrain<ITimerGrain, TimerGrain>()
            .AddGrain<ITickingGrain, TickingGrain>()
            .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = Timeout.InfiniteTimeSpan)
            .Configure<GrainCollectionOptions>(o => o.CollectionQuantum = TimeSpan.FromDays(1)),
        clock);

    [Fact]
    public async Task Ticks_never_overlap_and_the_period_runs_from_the_end_of_the_previous_tick()
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await StartSiloAsync(clock);
        var grain = silo.Grain<ITimerGrain>("ticking");
        await grain.StartAsync(Period, Period);

        for (var tick = 1; tick <= 3; tick++)
        {
            var armedAt = clock.GetUtcNow() + Period;
            await clock.WaitUntilAsync(c => c.ArmedDueTimes(IsGrainTimer).SequenceEqual([armedAt]));
            clock.Advance(Period);
            await silo.Probe.WaitForAsync("tick-start", tick);

            // While the tick runs the timer is not armed, so however far the clock moves no second tick can start.
            Assert.Empty(clock.ArmedDueTimes(IsGrainTimer));
            clock.Advance(Period * 5);
            Assert.Equal(tick, silo.Probe.Count("tick-start"));

            silo.Probe.Open($"tick-{tick}");
            await silo.Probe.WaitForAsync("tick-end", tick);
        }

        Assert.Equal(1, await grain.GetMostConcurrentTicksAsync());
    }

    [Fact]
    public async Task Timers_stop_when_the_activation_deactivates()
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await StartSiloAsync(clock);
        var grain = silo.Grain<ITimerGrain>("mortal");
        await grain.StartAsync(Period, Period);
        await clock.WaitUntilAsync(c => c.ArmedDueTimes(IsGrainTimer).Count == 1);

        await grain.DeactivateAsync();
        await silo.Probe.WaitForAsync("deactivated");
        clock.Advance(Period * 10);

        Assert.Empty(clock.ArmedDueTimes(IsGrainTimer));
        Assert.Equal(0, silo.Probe.Count("tick-start"));
    }

    [Fact]
    public async Task Ticks_extend_the_idle_age_only_of_keep_alive_timers()
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await StartSiloAsync(clock);
        await silo.Grain<ITickingGrain>("keep-alive").StartAsync(TimeSpan.FromMinutes(5), keepAlive: true);
        await silo.Grain<ITickingGrain>("plain").StartAsync(TimeSpan.FromMinutes(5), keepAlive: false);

        for (var round = 1; round <= 3; round++)
        {
            await clock.WaitUntilAsync(c => c.ArmedDueTimes(IsGrainTimer).Count == 2);
            clock.Advance(TimeSpan.FromMinutes(5));
            await silo.Probe.WaitForAsync("tick:keep-alive", round);
            await silo.Probe.WaitForAsync("tick:plain", round);
        }

        clock.Advance(TimeSpan.FromSeconds(30));
        await silo.Catalog.CollectIdleAsync(clock.GetUtcNow(), TestContext.Current.CancellationToken);

        Assert.Equal(["deactivated:plain:ActivationIdle"], silo.Probe.Log);
    }

    [Fact]
    public async Task A_negative_period_is_rejected_naming_the_period()
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await StartSiloAsync(clock);

        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => silo.Grain<ITimerGrain>("bad").StartAsync(Period, TimeSpan.FromSeconds(-3)));

        Assert.Equal("period", exception.ParamName);
        Assert.Equal(TimeSpan.FromSeconds(-3), exception.ActualValue);
    }
}
