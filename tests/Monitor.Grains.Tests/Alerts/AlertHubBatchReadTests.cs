using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Abstractions.Entities;
using Monitor.Grains.Alerts.Store;
using Monitor.Grains.Tests.Support;
using Monitor.Storage;
using Monitor.Testing;
using Orleans;
using Orleans.Hosting;
using Xunit;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>
/// A publish batch looks up what its episodes need once, not once per episode: one entity registry call for all its
/// accounts, one query for the incidents near its episodes and one to load them, one for the alerts in no incident of
/// their groups; the incidents come out as the lookups of one episode at a time made them.
/// </summary>
public sealed class AlertHubBatchReadTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDirectory _directory = new();
    private readonly ConcurrentDictionary<string, int> _registryCalls = new(StringComparer.Ordinal);
    private TestSilo _silo = null!;
    private CountingAlertStore _store = null!;

    private IAlertHubGrain Hub => _silo.Grains.GetGrain<IAlertHubGrain>("global");

    public async ValueTask InitializeAsync()
    {
        var storage = StorageTargets.Sqlite(_directory);
        _silo = await TestSilo.StartAsync(storage, new ManualTimeProvider(Now), silo =>
        {
            silo.Services.AddSingleton(provider => CountingAlertStore.Over(
                SqliteAlertStore.InFile(storage.SqlitePath!, storage.ServiceId, TimeSpan.FromSeconds(30), provider.GetRequiredService<SchemaGate>())));
            silo.AddIncomingGrainCallFilter(async context =>
            {
                if (context.InterfaceMethod?.DeclaringType == typeof(IEntityRegistryGrain))
                {
                    _registryCalls.AddOrUpdate(context.InterfaceMethod.Name, 1, (_, count) => count + 1);
                }

                await context.Invoke();
            });
        });
        _store = CountingAlertStore.Of(_silo.Get<IAlertStore>());
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Twenty_drops_in_ten_groups_read_entities_and_incidents_once_and_join_or_form_the_incidents()
    {
        var registry = _silo.Grains.GetGrain<IEntityRegistryGrain>(IEntityRegistryGrain.Key);
        await registry.CreateAsync(new Entity("ministry", "Ministry", "office", ["x:@g0a", "x:@g1a"]));
        // Groups g0-g4 already have an incident of two drops; g5-g9 have none.
        await Hub.PublishAsync([.. Enumerable.Range(0, 5).SelectMany(g => new[] { Drop(g, "c"), Drop(g, "d") })]);
        _store.Reset();
        _registryCalls.Clear();

        await Hub.PublishAsync([.. Enumerable.Range(0, 10).SelectMany(g => new[] { Drop(g, "a"), Drop(g, "b") })]);

        Assert.Equal([("FindByAccountsAsync", 1)], _registryCalls.Select(call => (call.Key, call.Value)));
        Assert.Equal(
            (1, 1, 1),
            (_store.Calls(nameof(IAlertStore.FindIncidentIdsNearAsync)), _store.Calls(nameof(IAlertStore.LoadIncidentsAsync)),
                _store.Calls(nameof(IAlertStore.FindUnincidentedInGroupsAsync))));
        var incidents = (await Hub.ListIncidentsAsync()).ToDictionary(incident => incident.Group, incident => incident.Accounts);
        Assert.Equal(11, incidents.Count);
        Assert.Equal(["x:@g0a", "x:@g1a"], incidents["entity:ministry"]);
        foreach (var g in Enumerable.Range(0, 10))
        {
            Assert.Equal(g < 5 ? [$"x:@g{g}a", $"x:@g{g}b", $"x:@g{g}c", $"x:@g{g}d"] : [$"x:@g{g}a", $"x:@g{g}b"], incidents[$"g{g}"]);
        }

        Assert.All((await Hub.QueryAsync(new AlertQuery(Limit: 100))).Items, alert => Assert.NotNull(alert.IncidentId));
    }

    private static EpisodeEvent Drop(int group, string member) =>
        EpisodeBuilder.For($"x:@g{group}{member}").Kind("drop").InGroups($"g{group}").Opened();
}
