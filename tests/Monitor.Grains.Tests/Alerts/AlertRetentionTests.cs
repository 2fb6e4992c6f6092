using System.Diagnostics.Metrics;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Monitor.Testing;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>Alert retention by policy over a SQLite file: the default keeps imported history; age and count settings prune.</summary>
public sealed class AlertRetentionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset War = new(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new();
    private readonly ManualTimeProvider _time = new(Now);
    private MonitorStorageOptions _storage = null!;
    private TestSilo? _silo;

    private IAlertHubGrain Hub => _silo!.Grains.GetGrain<IAlertHubGrain>("global");

    public ValueTask InitializeAsync()
    {
        _storage = StorageTargets.Sqlite(_directory);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _directory.Dispose();
    }

    [Fact]
    public async Task Imported_2020_history_keeps_its_alerts_across_a_hub_restart_with_default_settings()
    {
        _silo = await TestSilo.StartAsync(_storage, _time);
        var history = Enumerable.Range(0, 48)
            .Select(i => EpisodeBuilder.For($"x:{i}").InGroups("azerbaijan-official").Starting(War.AddDays(i % 10)).Ended(War.AddDays(44)))
            .ToList();
        await Hub.PublishAsync([.. history.Select(e => e.Resolved())]);

        await _silo.DisposeAsync();
        _silo = await TestSilo.StartAsync(_storage, _time);
        await Hub.PublishAsync([EpisodeBuilder.For("x:100").Starting(Now.AddDays(-1)).Opened()]);
        var pruned = await Hub.PruneAsync();

        Assert.Equal(0, pruned);
        Assert.Equal(49, (await Hub.QueryAsync(new AlertQuery(Limit: 1_000))).Items.Count);
        Assert.Equal(48, Assert.Single(await Hub.ListIncidentsAsync()).Accounts.Count);
    }

    [Fact]
    public async Task An_episode_age_prunes_resolved_alerts_that_ended_before_it_and_counts_them()
    {
        _silo = await TestSilo.StartAsync(_storage, _time, silo => silo.Services.Configure<AlertHubOptions>(o => o.MaxEpisodeAge = TimeSpan.FromDays(365)));
        var old = EpisodeBuilder.For("x:1").Starting(War).Ended(War.AddDays(44));
        var recent = EpisodeBuilder.For("x:2").Starting(Now.AddDays(-30)).Ended(Now.AddDays(-20));
        var open = EpisodeBuilder.For("x:3").Starting(War);
        await Hub.PublishAsync([old.Resolved(), recent.Resolved(), open.Opened()]);
        long counted = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "monitor.alerts.pruned")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref counted, value));
        listener.Start();

        var pruned = await Hub.PruneAsync();

        Assert.Equal(1, pruned);
        Assert.Equal(1, Interlocked.Read(ref counted));
        Assert.Null(await Hub.GetAsync(old.Id));
        Assert.NotNull(await Hub.GetAsync(recent.Id));
        Assert.NotNull(await Hub.GetAsync(open.Id));
    }

    [Fact]
    public async Task A_count_limit_prunes_the_resolved_alerts_that_ended_first_and_their_emptied_incidents()
    {
        _silo = await TestSilo.StartAsync(_storage, _time, silo => silo.Services.Configure<AlertHubOptions>(o => o.MaxAlerts = 3));
        var resolved = Enumerable.Range(0, 4)
            .Select(i => EpisodeBuilder.For($"x:{i}").InGroups("g").Starting(War.AddDays(i * 100)).Ended(War.AddDays((i * 100) + 1)))
            .ToList();
        var pair = EpisodeBuilder.For("x:9").InGroups("g").Starting(War).Ended(War.AddDays(1));
        var open = EpisodeBuilder.For("x:5").Starting(War);
        await Hub.PublishAsync([.. resolved.Select(e => e.Resolved()), pair.Resolved(), open.Opened()]);
        var incidentsBefore = await Hub.ListIncidentsAsync();

        var pruned = await Hub.PruneAsync();

        Assert.Equal(3, pruned);
        var kept = (await Hub.QueryAsync(new AlertQuery())).Items.Select(a => a.Account).Order().ToList();
        Assert.Equal(["x:2", "x:3", "x:5"], kept);
        Assert.Single(incidentsBefore);
        Assert.Empty(await Hub.ListIncidentsAsync());
    }

    [Fact]
    public async Task The_change_log_is_trimmed_to_its_capacity_and_the_sequence_carries_on_after_a_restart()
    {
        Action<Orleans.Hosting.ISiloBuilder> capacity = silo => silo.Services.Configure<AlertHubOptions>(o => o.ChangeLogCapacity = 3);
        _silo = await TestSilo.StartAsync(_storage, _time, capacity);
        await Hub.PublishAsync([.. Enumerable.Range(0, 6).Select(i => EpisodeBuilder.For($"x:{i}").Opened())]);

        await Hub.PruneAsync();
        await _silo.DisposeAsync();
        _silo = await TestSilo.StartAsync(_storage, _time, capacity);
        await Hub.PruneAsync();
        await Hub.PublishAsync([EpisodeBuilder.For("x:7").Opened()]);

        Assert.Equal([4L, 5L, 6L, 7L], (await Hub.ReadChangesAsync(0, 100)).Select(c => c.Sequence));
    }
}
