using Monitor.Runtime.Configuration;
using Monitor.Runtime.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Runtime.Telemetry;
using Monitor.Runtime.Tests.Grains;
using Monitor.Runtime.Tests.Infrastructure;
using Xunit;

namespace Monitor.Runtime.Tests;

public sealed class ReminderTests
{
    private static readonly TimeSpan ShortPeriod = TimeSpan.FromMilliseconds(200);

    private static Task<TestSilo> StartSiloAsync() => TestSilo.StartAsync(s => s
        .AddGrain<IReminderGrain, ReminderGrain>()
        .AddGrain<ISimpleGrain, SimpleGrain>()
        .Configure<ReminderOptions>(o => o.MinimumReminderPeriod = ShortPeriod));

    [Fact]
    public async Task A_reminder_ticks_repeatedly_and_reactivates_its_grain()
    {
        await using var silo = await StartSiloAsync();
        var grain = silo.Grain<IReminderGrain>("alarm");
        await grain.StartAsync("wake", TimeSpan.Zero, ShortPeriod);
        await silo.Probe.WaitForAsync("tick:alarm:wake");

        await grain.DeactivateAsync();
        var ticksBefore = silo.Probe.Count("tick:alarm:wake");
        await silo.Probe.WaitForAsync("tick:alarm:wake", ticksBefore + 2);

        Assert.True(silo.Probe.Count("constructed") >= 2, "the tick after deactivation activated the grain again");
        Assert.True(silo.Metrics.Sum(RuntimeTelemetry.ReminderTicks, new("outcome", "delivered")) >= ticksBefore + 2);
    }

    [Fact]
    public async Task A_reminder_is_a_durable_row_and_unregistering_removes_it_and_stops_its_ticks()
    {
        await using var silo = await StartSiloAsync();
        var grain = silo.Grain<IReminderGrain>("durable");
        await grain.StartAsync("first", TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await grain.StartAsync("second", TimeSpan.FromHours(1), TimeSpan.FromHours(2));
        var table = silo.Services.GetRequiredService<IReminderTable>();

        var row = await table.ReadRowAsync(new GrainId(nameof(ReminderGrain), "durable"), "second", TestContext.Current.CancellationToken);
        Assert.Equal(TimeSpan.FromHours(2), row!.Period);
        Assert.Equal(["first", "second"], await grain.ListAsync());
        Assert.Equal(2, silo.Reminders.ScheduledCount);

        Assert.True(await grain.StopAsync("first"));
        Assert.False(await grain.StopAsync("first"));

        Assert.Null(await table.ReadRowAsync(new GrainId(nameof(ReminderGrain), "durable"), "first", TestContext.Current.CancellationToken));
        Assert.Equal(["second"], await grain.ListAsync());
        Assert.Equal(1, silo.Reminders.ScheduledCount);
    }

    [Fact]
    public async Task A_period_below_the_minimum_is_rejected_naming_the_period()
    {
        await using var silo = await StartSiloAsync();

        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => silo.Grain<IReminderGrain>("fast").StartAsync("too-fast", TimeSpan.Zero, TimeSpan.FromMilliseconds(50)));

        Assert.Equal("period", exception.ParamName);
        Assert.Equal(TimeSpan.FromMilliseconds(50), exception.ActualValue);
    }

    [Fact]
    public void The_next_tick_is_the_next_period_boundary_after_the_start_and_after_the_last_tick()
    {
        var start = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var entry = new ReminderEntry(new GrainId("t", "k"), "r", start, TimeSpan.FromMinutes(10), ETag: null);

        Assert.Equal(start, ReminderService.NextTick(entry, start - TimeSpan.FromHours(1), lastTick: null));
        Assert.Equal(start + TimeSpan.FromMinutes(30), ReminderService.NextTick(entry, start + TimeSpan.FromMinutes(25), lastTick: null));
        Assert.Equal(start + TimeSpan.FromMinutes(30), ReminderService.NextTick(entry, start + TimeSpan.FromMinutes(30), lastTick: null));
        Assert.Equal(start + TimeSpan.FromMinutes(40), ReminderService.NextTick(entry, start + TimeSpan.FromMinutes(30), start + TimeSpan.FromMinutes(30)));
    }
}
