using Microsoft.Extensions.DependencyInjection;
using Monitor.Runtime.Storage;
using Monitor.Runtime.Telemetry;
using Monitor.Runtime.Tests.Grains;
using Monitor.Runtime.Tests.Infrastructure;
using Xunit;

namespace Monitor.Runtime.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task State_written_before_deactivation_is_loaded_by_the_next_activation_before_OnActivateAsync()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IPersistentCounterGrain, PersistentCounterGrain>());
        var grain = silo.Grain<IPersistentCounterGrain>("durable");
        await grain.IncrementAsync("first");
        await grain.IncrementAsync("second");

        await grain.DeactivateAsync();
        await silo.Probe.WaitForAsync("deactivated");
        var (value, recordExists, history) = await grain.GetAsync();

        Assert.Equal(2, silo.Probe.Count("constructed"));
        Assert.Equal(2, value);
        Assert.True(recordExists);
        Assert.Equal(["first", "second"], history);
        Assert.Equal(["activated:durable:0", "activated:durable:2"], silo.Probe.Log);
    }

    [Fact]
    public async Task Clearing_state_resets_it_for_this_and_later_activations()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IPersistentCounterGrain, PersistentCounterGrain>());
        var grain = silo.Grain<IPersistentCounterGrain>("cleared");
        await grain.IncrementAsync("only");

        await grain.ClearAsync();
        var afterClear = await grain.GetAsync();
        await grain.DeactivateAsync();
        await silo.Probe.WaitForAsync("deactivated");
        var afterReactivation = await grain.GetAsync();

        Assert.Equal((0, false), (afterClear.Value, afterClear.RecordExists));
        Assert.Equal((0, false), (afterReactivation.Value, afterReactivation.RecordExists));
    }

    [Fact]
    public async Task A_write_over_a_changed_record_raises_the_ETag_conflict_and_counts_it()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IPersistentCounterGrain, PersistentCounterGrain>());
        var grain = silo.Grain<IPersistentCounterGrain>("contested");
        await grain.IncrementAsync("grain");

        // Another writer changes the stored record behind the activation's back.
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>("Default");
        var grainId = new GrainId(nameof(PersistentCounterGrain), "contested");
        var other = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("counter", grainId, other, TestContext.Current.CancellationToken);
        other.State.Value = 100;
        await storage.WriteStateAsync("counter", grainId, other, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.IncrementAsync("stale"));

        Assert.Equal(1, silo.Metrics.Sum(RuntimeTelemetry.StorageConflicts, new("provider", "Default")));
        // Measured through the grain's state: the load, the first write and the rejected write.
        Assert.Equal(3, silo.Metrics.Count(RuntimeTelemetry.StorageDuration));
        Assert.Equal(1, silo.Metrics.Sum(RuntimeTelemetry.StorageFailures, new("operation", "write")));
    }

    [Fact]
    public async Task A_missing_storage_provider_fails_activation_naming_the_provider_and_state()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IMisconfiguredGrain, MisconfiguredGrain>());

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grain<IMisconfiguredGrain>("x").PingAsync());

        Assert.Contains("'nowhere'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'settings'", exception.Message, StringComparison.Ordinal);
    }
}
