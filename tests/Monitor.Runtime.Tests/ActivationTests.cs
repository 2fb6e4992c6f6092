using Monitor.Runtime.Activation;
using Monitor.Runtime.Telemetry;
using Monitor.Runtime.Tests.Grains;
using Monitor.Runtime.Tests.Infrastructure;
using Xunit;

namespace Monitor.Runtime.Tests;

public sealed class ActivationTests
{
    [Fact]
    public async Task Thousand_concurrent_first_calls_create_exactly_one_activation()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<ISlowActivationGrain, SlowActivationGrain>());
        var grain = silo.Grain<ISlowActivationGrain>("crowded");

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => grain.IncrementAsync()))).WithDeadline();

        Assert.Equal(1, silo.Probe.Count("constructed"));
        Assert.Equal(1, silo.Metrics.Sum(RuntimeTelemetry.ActivationsCreated));
        // Each call saw the previous one's write: one activation ran them one after another.
        Assert.Equal(Enumerable.Range(1, 1000), results.Order());
    }

    [Fact]
    public async Task Activation_failure_reaches_the_caller_and_the_next_call_activates_again()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IFlakyGrain, FlakyGrain>());
        var grain = silo.Grain<IFlakyGrain>("flaky");

        var failure = await Assert.ThrowsAsync<GrainTestException>(() => grain.PingAsync());
        Assert.Equal("first activation fails", failure.Message);
        Assert.Equal(7, failure.Code);
        Assert.Null(silo.Catalog.Find(new GrainId("FlakyGrain", "flaky")));

        Assert.Equal("pong", await grain.PingAsync());
        Assert.Equal(2, silo.Probe.Count("constructed"));
        Assert.Equal(1, silo.Metrics.Sum(RuntimeTelemetry.ActivationsFailed));
        Assert.Equal(1, silo.Metrics.Sum(RuntimeTelemetry.ActivationsCreated));
    }

    [Fact]
    public async Task Calls_queued_behind_a_failing_activation_all_receive_its_exception()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IGatedFailureGrain, GatedFailureGrain>());
        var grain = silo.Grain<IGatedFailureGrain>("doomed");

        var calls = Enumerable.Range(0, 10).Select(_ => grain.PingAsync()).ToArray();
        await silo.Probe.WaitForAsync("activating");
        silo.Probe.Open("activate");

        foreach (var call in calls)
        {
            var exception = await Assert.ThrowsAsync<GrainTestException>(() => call);
            Assert.Equal((503, "storage unreachable"), (exception.Code, exception.Message));
        }

        Assert.Equal(1, silo.Probe.Count("constructed"));
        Assert.Equal(0, silo.Catalog.Count);
    }

    [Fact]
    public async Task DeactivateOnIdle_runs_OnDeactivateAsync_and_the_next_call_gets_a_new_activation()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<ISimpleGrain, SimpleGrain>());
        var grain = silo.Grain<ISimpleGrain>("once");
        Assert.Equal(1, await grain.IncrementAsync());
        Assert.Equal(2, await grain.IncrementAsync());

        await grain.DeactivateAsync();
        await silo.Probe.WaitForAsync("deactivated");

        Assert.Equal(["deactivated:once:ApplicationRequested"], silo.Probe.Log);
        Assert.Equal(1, await grain.IncrementAsync());
        Assert.Equal(2, silo.Probe.Count("constructed"));
        Assert.Equal(1, silo.Metrics.Sum(RuntimeTelemetry.ActivationsCollected, new("reason", "ApplicationRequested")));
    }

    [Fact]
    public async Task Calls_queued_behind_DeactivateOnIdle_are_served_by_the_next_activation_in_the_order_they_arrived()
    {
        // Repeated because the hand-over races with callers that arrive while the old activation is being removed.
        const int Rounds = 200;
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IGateGrain, GateGrain>().AddGrain<ISimpleGrain, SimpleGrain>());
        for (var round = 0; round < Rounds; round++)
        {
            var grain = silo.Grain<ISimpleGrain>($"forwarded-{round}");
            await grain.IncrementAsync();

            var deactivate = grain.DeactivateAsync();
            var afterwards = Enumerable.Range(0, 20).Select(_ => grain.IncrementAsync()).ToArray();
            await deactivate;
            var counts = await Task.WhenAll(afterwards).WithDeadline();

            Assert.Equal(Enumerable.Range(1, 20), counts);
        }

        Assert.Equal(Rounds, silo.Probe.Count("deactivated"));
        Assert.Equal(2 * Rounds, silo.Probe.Count("constructed"));
    }

    [Fact]
    public async Task Stopping_the_silo_deactivates_every_activation_with_the_shutdown_reason()
    {
        var silo = await TestSilo.StartAsync(s => s.AddGrain<ISimpleGrain, SimpleGrain>());
        await using (silo)
        {
            foreach (var key in new[] { "a", "b", "c" })
            {
                await silo.Grain<ISimpleGrain>(key).IncrementAsync();
            }

            await silo.StopAsync();

            Assert.Equal(
                ["deactivated:a:ShuttingDown", "deactivated:b:ShuttingDown", "deactivated:c:ShuttingDown"],
                silo.Probe.Log.Order());
            Assert.Equal(0, silo.Catalog.Count);
            await Assert.ThrowsAsync<SiloUnavailableException>(() => silo.Grain<ISimpleGrain>("d").IncrementAsync());
        }
    }

    [Fact]
    public async Task A_grain_knows_its_identity_and_GrainType_names_it()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<ISimpleGrain, SimpleGrain>().AddGrain<INamedGrain, NamedGrain>());

        Assert.Equal("SimpleGrain/k1", await silo.Grain<ISimpleGrain>("k1").GetIdentityAsync());
        Assert.Equal("named/k2", await silo.Grain<INamedGrain>("k2").GetIdAsync());
        Assert.Equal(ActivationStatus.Active, silo.Catalog.Find(new GrainId("named", "k2"))!.Status);
    }

    [Fact]
    public async Task Grains_are_discovered_from_an_assembly()
    {
        await using var silo = await TestSilo.StartAsync(s => s
            .AddGrainsFromAssembly(typeof(SimpleGrain).Assembly));

        Assert.Equal("x:hello", await silo.Grain<ISimpleGrain>("x").EchoAsync("hello"));
        Assert.Equal("named/y", await silo.Grain<INamedGrain>("y").GetIdAsync());
    }
}
