using System.Text.Json;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Grains.Tests.Support;
using Monitor.Testing;
using Xunit;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>
/// The single hub's acknowledgement on PostgreSQL in one statement (<see cref="IOneStatementAcknowledgement"/>): it must
/// write exactly what the read-then-write path wrote, and nothing when the alert is not open.
/// </summary>
public sealed class PostgresOneStatementAcknowledgementTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private TestSilo _silo = null!;

    private IAlertHubGrain Hub => _silo.Grains.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync(StorageTargets.Postgres(database), TimeProvider.System);

    public async ValueTask DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task The_postgres_store_acknowledges_in_one_statement_and_the_single_hub_uses_it()
    {
        var statement = Assert.IsAssignableFrom<IOneStatementAcknowledgement>(_silo.Get<IAlertStore>());
        var surge = EpisodeBuilder.For("x:1").InGroups("g").Peak(450_000);
        await Hub.PublishAsync([surge.Opened()]);
        var before = (await Hub.GetAsync(surge.Id))!;

        var acknowledged = await Hub.AcknowledgeAsync(surge.Id, "duty-officer");

        // Every field as the publish stored it, but the three an acknowledgement sets.
        var expected = before with { Status = "acknowledged", AcknowledgedBy = "duty-officer", UpdatedAt = acknowledged!.UpdatedAt };
        Assert.NotEqual(before.UpdatedAt, acknowledged.UpdatedAt);
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(acknowledged, Json));
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(await Hub.GetAsync(surge.Id), Json));
        var change = (await Hub.ReadChangesAsync(0, 100))[^1];
        Assert.Equal((await Hub.GetLastSequenceAsync(), "acknowledged"), (change.Sequence, change.Change));
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(change.Alert, Json));
        var feed = await Hub.QueryAsync(new AlertQuery { Status = "acknowledged", Limit = 10 });
        Assert.Equal([surge.Id], feed.Items.Select(alert => alert.Id));

        // Not open: nothing written, the alert returned as stored; no such alert: null.
        var last = await Hub.GetLastSequenceAsync();
        var again = await statement.AcknowledgeAsync(surge.Id, "someone else", DateTimeOffset.UtcNow, last + 1, CancellationToken.None);
        Assert.Equal((null, "duty-officer"), (again.Change, again.Stored!.AcknowledgedBy));
        Assert.Equal(new AcknowledgeOutcome(null, null), await statement.AcknowledgeAsync("surge-x:404", "someone", DateTimeOffset.UtcNow, last + 1, CancellationToken.None));
        Assert.Equal(last, (await Hub.ReadChangesAsync(0, 100))[^1].Sequence);
    }
}
