using Monitor.Runtime.Configuration;
using Monitor.Runtime.Telemetry;
using Monitor.Runtime.Tests.Grains;
using Monitor.Runtime.Tests.Infrastructure;
using Xunit;

namespace Monitor.Runtime.Tests;

public sealed class CollectionTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // The periodic collector would run while the clock is advanced; these tests run the passes themselves.
    private static Task<TestSilo> StartWithoutPeriodicCollectionAsync(ManualTimeProvider clock, int? activationLimit = null) => TestSilo.StartAsync(
        s => s.AddGrain<ISimpleGrain, SimpleGrain>().Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionQuantum = TimeSpan.FromDays(1);
            o.ActivationLimit = activationLimit;
        }),
        clock);

    [Fact]
    public async Task Activations_idle_longer_than_the_collection_age_are_collected_and_busy_ones_stay()
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await StartWithoutPeriodicCollectionAsync(clock);
        foreach (var key in new[] { "idle-1", "idle-2", "recent" })
        {
            await silo.Grain<ISimpleGrain>(key).IncrementAsync();
        }

        clock.Advance(TimeSpan.FromMinutes(10));
        await silo.Grain<ISimpleGrain>("recent").IncrementAsync();
        clock.Advance(TimeSpan.FromMinutes(6));
        var collected = await silo.Catalog.CollectIdleAsync(clock.GetUtcNow(), TestContext.Current.CancellationToken);

        Assert.Equal(2, collected);
        Assert.Equal(["deactivated:idle-1:ActivationIdle", "deactivated:idle-2:ActivationIdle"], silo.Probe.Log.Order());
        Assert.Equal(2, silo.Metrics.Sum(RuntimeTelemetry.ActivationsCollected, new("reason", "ActivationIdle")));
        Assert.Equal(1, silo.Metrics.Observe(RuntimeTelemetry.Activations));
    }

    [Fact]
    public async Task DelayDeactivation_keeps_an_idle_activation_until_the_delay_ends()
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await StartWithoutPeriodicCollectionAsync(clock);
        await silo.Grain<ISimpleGrain>("kept").KeepAliveAsync(TimeSpan.FromHours(1));

        clock.Advance(TimeSpan.FromMinutes(30));
        var whileDelayed = await silo.Catalog.CollectIdleAsync(clock.GetUtcNow(), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMinutes(31));
        var afterDelay = await silo.Catalog.CollectIdleAsync(clock.GetUtcNow(), TestContext.Current.CancellationToken);

        Assert.Equal((0, 1), (whileDelayed, afterDelay));
        Assert.Equal(["deactivated:kept:ActivationIdle"], silo.Probe.Log);
    }

    [Fact]
    public async Task Above_the_activation_limit_the_least_recently_used_idle_activations_go_first()
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await StartWithoutPeriodicCollectionAsync(clock, activationLimit: 3);
        for (var i = 0; i < 5; i++)
        {
            await silo.Grain<ISimpleGrain>($"g{i}").IncrementAsync();
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        // g0 becomes the most recently used; g1 and g2 are now the least recently used.
        await silo.Grain<ISimpleGrain>("g0").IncrementAsync();
        var collected = await silo.Catalog.CollectIdleAsync(clock.GetUtcNow(), TestContext.Current.CancellationToken);

        Assert.Equal(2, collected);
        Assert.Equal(["deactivated:g1:HighMemoryPressure", "deactivated:g2:HighMemoryPressure"], silo.Probe.Log.Order());
        Assert.Equal(2, silo.Metrics.Sum(RuntimeTelemetry.ActivationsCollected, new("reason", "HighMemoryPressure")));
        Assert.Equal(3, silo.Metrics.Observe(RuntimeTelemetry.Activations));
    }

    [Fact]
    public async Task A_collected_grain_is_reactivated_by_its_next_call()
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await StartWithoutPeriodicCollectionAsync(clock);
        var grain = silo.Grain<ISimpleGrain>("returning");
        Assert.Equal(1, await grain.IncrementAsync());

        clock.Advance(TimeSpan.FromMinutes(20));
        await silo.Catalog.CollectIdleAsync(clock.GetUtcNow(), TestContext.Current.CancellationToken);

        Assert.Equal(1, await grain.IncrementAsync());
        Assert.Equal(2, silo.Probe.Count("constructed"));
        Assert.Equal(2, silo.Metrics.Sum(RuntimeTelemetry.ActivationsCreated));
    }

    [Fact]
    public async Task The_collector_runs_every_collection_quantum()
    {
        var clock = new ManualTimeProvider(Start);
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<ISimpleGrain, SimpleGrain>(), clock);
        await silo.Grain<ISimpleGrain>("periodic").IncrementAsync();

        // Default options: 15 minutes of age, a pass every minute.
        clock.Advance(TimeSpan.FromMinutes(16));
        await silo.Probe.WaitForAsync("deactivated");

        Assert.Equal(["deactivated:periodic:ActivationIdle"], silo.Probe.Log);
    }

    [Fact]
    public async Task A_non_positive_activation_limit_is_rejected_naming_the_option()
    {
        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TestSilo.StartAsync(s => s
            .AddGrain<ISimpleGrain, SimpleGrain>()
            .Configure<GrainCollectionOptions>(o => o.ActivationLimit = 0)));

        Assert.Equal("GrainCollectionOptions.ActivationLimit", exception.ParamName);
        Assert.Equal(0, exception.ActualValue);
    }
}
