using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Abstractions.Entities;
using Monitor.Grains.Tests.Support;
using Xunit;

namespace Monitor.Grains.Tests.Entities;

/// <summary>
/// Surge alerts on accounts of an entity carry the cross-platform reading, in a real silo: account grains detect, the hub
/// reads the entity's other accounts and correlates the entity's alerts into one incident.
/// </summary>
public sealed class EntityCorroborationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset WarStart = new(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WarEnd = new(2020, 11, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private TestSilo _silo = null!;

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync(StorageTargets.Memory(), _time);

    public async ValueTask DisposeAsync() => await _silo.DisposeAsync();

    private IAlertHubGrain Hub => _silo.Grains.GetGrain<IAlertHubGrain>("global");

    [Fact]
    public async Task A_simultaneous_surge_on_three_platforms_reads_three_of_three_and_is_one_incident()
    {
        string[] accounts = ["x:@leader", "instagram:@leader", "telegram:@leader_tg"];
        await EntityAsync("leader", accounts);

        await RecordTogetherAsync(
            SeriesBuilder.For(accounts[0]).Surge(WarStart, WarEnd, 6_000).Build(),
            SeriesBuilder.For(accounts[1]).Starting(100_000, 75).Surge(WarStart, WarEnd, 1_500).Seed(11).Build(),
            SeriesBuilder.For(accounts[2]).Starting(30_000, 25).Surge(WarStart, WarEnd, 500).Seed(12).Build());

        var surges = await SurgesAsync(accounts);
        Assert.Equal(3, surges.Count);
        Assert.All(surges, surge =>
        {
            Assert.Equal("leader", surge.Entity);
            Assert.Equal((3, 3), (surge.Corroboration!.Moved, surge.Corroboration.Compared));
            Assert.StartsWith("corroboration: 3 of 3 accounts", surge.Corroboration.Summary, StringComparison.Ordinal);
        });
        var incident = Assert.Single(surges.Select(surge => surge.IncidentId).Distinct());
        Assert.Equal("entity:leader", (await Hub.ListIncidentsAsync()).Single(i => i.Id == incident).Group);
    }

    [Fact]
    public async Task A_surge_on_one_platform_with_flat_posts_reads_one_of_three_and_posts_plus_zero()
    {
        string[] accounts = ["x:@lone", "instagram:@lone", "telegram:@lone_tg"];
        await EntityAsync("lone", accounts);

        await RecordTogetherAsync(
            SeriesBuilder.For(accounts[0]).Surge(WarStart, WarEnd, 6_000).FlatPostsInSurges().Build(),
            SeriesBuilder.For(accounts[1]).Starting(100_000, 75).Seed(11).Build(),
            SeriesBuilder.For(accounts[2]).Starting(30_000, 25).Seed(12).Build());

        var surge = Assert.Single(await SurgesAsync(accounts));
        Assert.Equal("x:@lone", surge.Account);
        Assert.Equal((1, 3, 0L), (surge.Corroboration!.Moved, surge.Corroboration.Compared, surge.Corroboration.PostsChange));
        Assert.Equal("corroboration: 1 of 3 accounts; posts: +0", surge.Corroboration.Summary);
        Assert.Equal(["moved", "flat", "flat"], surge.Corroboration.Accounts.Select(account => account.Movement));
    }

    [Fact]
    public async Task An_account_in_no_entity_gets_no_reading()
    {
        await _silo.Grains.GetGrain<IAccountGrain>("x:@solo").ConfigureAsync(new AccountProfile("solo"));

        await RecordTogetherAsync(SeriesBuilder.For("x:@solo").Surge(WarStart, WarEnd, 6_000).Build());

        var surge = Assert.Single(await SurgesAsync(["x:@solo"]));
        Assert.Equal(((string?)null, (Corroboration?)null), (surge.Entity, surge.Corroboration));
    }

    private async Task EntityAsync(string id, string[] accounts)
    {
        foreach (var account in accounts)
        {
            await _silo.Grains.GetGrain<IAccountGrain>(account).ConfigureAsync(new AccountProfile(account.Split(':')[1]));
        }

        var created = await _silo.Grains.GetGrain<IEntityRegistryGrain>(IEntityRegistryGrain.Key).CreateAsync(new Entity(id, id, "person", accounts));
        Assert.Equal(EntityOutcome.Done, created.Outcome);
    }

    // Thirty days of every account at a time, in parallel, as the demo and collectors send them.
    private async Task RecordTogetherAsync(params List<ObservationInput>[] series)
    {
        var batches = series.Select(points => points.Chunk(30).ToList()).ToList();
        for (var i = 0; i < batches.Max(batch => batch.Count); i++)
        {
            await Task.WhenAll(batches.Where(batch => i < batch.Count).Select(batch =>
                _silo.Grains.GetGrain<IAccountGrain>(batch[i][0].Account).RecordAsync(batch[i])));
        }
    }

    private async Task<List<AlertView>> SurgesAsync(string[] accounts)
    {
        var alerts = new List<AlertView>();
        foreach (var account in accounts)
        {
            alerts.AddRange((await Hub.QueryAsync(new AlertQuery(Account: account, Kind: "surge"))).Items);
        }

        return alerts;
    }
}
