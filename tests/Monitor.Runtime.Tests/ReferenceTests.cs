using Monitor.Runtime.Tests.Grains;
using Monitor.Runtime.Tests.Infrastructure;
using Xunit;

namespace Monitor.Runtime.Tests;

public sealed class ReferenceTests
{
    [Fact]
    public async Task References_to_the_same_grain_are_equal_and_to_other_grains_are_not()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<ISimpleGrain, SimpleGrain>());

        var first = silo.Grain<ISimpleGrain>("same");
        var second = silo.Grain<ISimpleGrain>("same");
        var other = silo.Grain<ISimpleGrain>("other");

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, other);
        Assert.Equal(new GrainId(nameof(SimpleGrain), "same"), first.GetGrainId());
        Assert.Equal("same", first.GetPrimaryKeyString());
    }

    [Fact]
    public async Task A_reference_passed_to_a_grain_calls_the_referenced_grain()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<ISimpleGrain, SimpleGrain>().AddGrain<IRelayGrain, RelayGrain>());

        var answer = await silo.Grain<IRelayGrain>("relay").RelayAsync(silo.Grain<ISimpleGrain>("target"), "hello");

        Assert.Equal("target:hello", answer);
    }

    [Fact]
    public async Task A_grain_can_hand_out_a_reference_to_itself()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IRelayGrain, RelayGrain>());
        var grain = silo.Grain<IRelayGrain>("self");

        var self = await grain.GetSelfAsync();

        Assert.Equal(grain, self);
        Assert.Equal(self, await self.GetSelfAsync());
    }

    [Fact]
    public async Task A_reference_by_grain_id_through_an_interface_the_class_lacks_is_rejected()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<ISimpleGrain, SimpleGrain>().AddGrain<IRelayGrain, RelayGrain>());

        var exception = Assert.Throws<ArgumentException>(() => silo.Factory.GetGrain<IRelayGrain>(new GrainId(nameof(SimpleGrain), "k")));

        Assert.Equal("grainId", exception.ParamName);
        Assert.Contains("SimpleGrain/k", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cached_reference_stays_valid_across_deactivations()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<ISimpleGrain, SimpleGrain>());
        var grain = silo.Grain<ISimpleGrain>("cached");
        await grain.IncrementAsync();

        await grain.DeactivateAsync();
        await silo.Probe.WaitForAsync("deactivated");

        Assert.Equal("cached:again", await grain.EchoAsync("again"));
    }
}
