using Monitor.Runtime.Configuration;
using Monitor.Runtime.Telemetry;
using Monitor.Runtime.Tests.Grains;
using Monitor.Runtime.Tests.Infrastructure;
using Xunit;

namespace Monitor.Runtime.Tests;

public sealed class CallTests
{
    [Fact]
    public async Task A_call_that_outlives_the_response_timeout_raises_TimeoutException()
    {
        await using var silo = await TestSilo.StartAsync(s => s
            .AddGrain<IFaultyGrain, FaultyGrain>()
            .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(200)));
        var grain = silo.Grain<IFaultyGrain>("stuck");

        await Assert.ThrowsAsync<TimeoutException>(() => grain.NeverAsync()).WithDeadline();

        Assert.Equal(1, silo.Metrics.Sum(RuntimeTelemetry.CallTimeouts, new("method", "IFaultyGrain.NeverAsync")));
        silo.Probe.Open("never");
    }

    [Fact]
    public async Task A_call_queued_behind_a_stuck_call_also_times_out()
    {
        await using var silo = await TestSilo.StartAsync(s => s
            .AddGrain<IFaultyGrain, FaultyGrain>()
            .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(200)));
        var grain = silo.Grain<IFaultyGrain>("blocked");

        var stuck = grain.NeverAsync();
        await Assert.ThrowsAsync<TimeoutException>(() => grain.PingAsync()).WithDeadline();
        await Assert.ThrowsAsync<TimeoutException>(() => stuck).WithDeadline();
        silo.Probe.Open("never");
    }

    [Fact]
    public async Task A_synchronously_thrown_exception_reaches_the_caller_unchanged()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IFaultyGrain, FaultyGrain>());
        var grain = silo.Grain<IFaultyGrain>("sync");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowAsync("broken invariant 17"));

        Assert.Equal("broken invariant 17", exception.Message);
        Assert.Equal(1, silo.Metrics.Sum(RuntimeTelemetry.CallFailures, new("method", "IFaultyGrain.ThrowAsync")));
        Assert.Equal("pong", await grain.PingAsync());
    }

    [Fact]
    public async Task An_exception_thrown_after_an_await_keeps_its_type_message_and_properties()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IFaultyGrain, FaultyGrain>());
        var grain = silo.Grain<IFaultyGrain>("async");

        var exception = await Assert.ThrowsAsync<GrainTestException>(() => grain.ThrowAfterAwaitAsync("late failure"));

        Assert.Equal("late failure", exception.Message);
        Assert.Equal(42, exception.Code);
    }

    [Fact]
    public async Task An_exception_from_a_queued_call_reaches_its_caller_unchanged()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IFaultyGrain, FaultyGrain>());
        var grain = silo.Grain<IFaultyGrain>("queued");

        var calls = Enumerable.Range(0, 5).Select(i => grain.ThrowAfterAwaitAsync($"failure {i}")).ToArray();

        for (var i = 0; i < calls.Length; i++)
        {
            var exception = await Assert.ThrowsAsync<GrainTestException>(() => calls[i]);
            Assert.Equal($"failure {i}", exception.Message);
        }
    }

    [Fact]
    public async Task ValueTask_methods_return_results_and_exceptions()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<IFaultyGrain, FaultyGrain>());
        var grain = silo.Grain<IFaultyGrain>("value-task");

        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await grain.ThrowFromValueTaskAsync("bad value"));

        Assert.Equal("message", exception.ParamName);
        Assert.Equal("bad value", exception.ActualValue);
    }

    [Fact]
    public async Task A_grain_interface_with_a_synchronous_method_is_rejected_naming_the_method()
    {
        await using var silo = await TestSilo.StartAsync();

        var exception = Assert.Throws<ArgumentException>(() => silo.Factory.GetGrain<ISynchronousGrain>("x"));

        Assert.Contains("ISynchronousGrain.Compute", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Int32", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grain_interface_with_a_property_is_rejected_naming_the_property()
    {
        await using var silo = await TestSilo.StartAsync();

        var exception = Assert.Throws<ArgumentException>(() => silo.Factory.GetGrain<IPropertyGrain>("x"));

        Assert.Contains("IPropertyGrain.get_Value", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grain_interface_without_an_implementation_is_rejected_naming_the_interface()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<ISimpleGrain, SimpleGrain>());

        var exception = Assert.Throws<ArgumentException>(() => silo.Factory.GetGrain<IUnimplementedGrain>("x"));

        Assert.Contains(nameof(IUnimplementedGrain), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_null_key_is_rejected_naming_the_key()
    {
        await using var silo = await TestSilo.StartAsync(s => s.AddGrain<ISimpleGrain, SimpleGrain>());

        var exception = Assert.Throws<ArgumentNullException>(() => silo.Factory.GetGrain<ISimpleGrain>(null!));

        Assert.Equal("key", exception.ParamName);
    }

    [Fact]
    public async Task A_non_positive_response_timeout_is_rejected_naming_the_option_and_value()
    {
        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TestSilo.StartAsync(s => s
            .AddGrain<ISimpleGrain, SimpleGrain>()
            .Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.Zero)));

        Assert.Equal("SiloMessagingOptions.ResponseTimeout", exception.ParamName);
        Assert.Equal(TimeSpan.Zero, exception.ActualValue);
    }
}
