using Monitor.Abstractions.Access;
using Monitor.AccessControl;
using Monitor.Grains;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Storage;
using Monitor.Testing;
using Xunit;

namespace Monitor.Silo.Tests.Security;

/// <summary>
/// Two requests revoking the last two active admin keys at the same moment: exactly one is refused, on a real PostgreSQL
/// (READ COMMITTED, where one conditional UPDATE each let both through) and on SQLite.
/// </summary>
public sealed class ConcurrentRevocationTests(PostgresDatabaseFixture postgres) : IClassFixture<PostgresDatabaseFixture>
{
    private const int Rounds = 100;

    [Fact]
    public async Task Revoking_the_last_two_admin_keys_at_once_on_postgres_refuses_exactly_one_every_time()
    {
        await using var database = new SiloDatabase(
            new MonitorStorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = postgres.ConnectionString },
            SchemaMigrator.CreateDefault);

        await AssertExactlyOneRefusedEachRoundAsync(new ApiKeyStore(database));
    }

    [Fact]
    public async Task Revoking_the_last_two_admin_keys_at_once_on_sqlite_refuses_exactly_one_every_time()
    {
        using var directory = new TemporaryDirectory();
        await using var database = new SiloDatabase(
            new MonitorStorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = directory.File("keys.db") },
            SchemaMigrator.CreateDefault);

        await AssertExactlyOneRefusedEachRoundAsync(new ApiKeyStore(database));
    }

    private static async Task AssertExactlyOneRefusedEachRoundAsync(ApiKeyStore store)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        var outcomes = new List<(bool First, bool Second)>();
        for (var round = 0; round < Rounds; round++)
        {
            var first = Admin($"r{round}a", now);
            var second = Admin($"r{round}b", now);
            await store.AddAsync(first, cancellation);
            await store.AddAsync(second, cancellation);

            // Both revocations wait on one signal, so they reach the database together.
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var revokeFirst = Task.Run(async () => { await start.Task; return await store.RevokeAsync(first.Id, now, force: false, cancellation); }, cancellation);
            var revokeSecond = Task.Run(async () => { await start.Task; return await store.RevokeAsync(second.Id, now, force: false, cancellation); }, cancellation);
            start.SetResult();
            outcomes.Add((await revokeFirst, await revokeSecond));

            // The survivor goes too (as the offline command line's --force), so the next round starts with no active admin.
            await store.RevokeAsync(first.Id, now, force: true, cancellation);
            await store.RevokeAsync(second.Id, now, force: true, cancellation);
        }

        Assert.All(outcomes, outcome => Assert.True(outcome.First ^ outcome.Second, $"revocations succeeded: {outcome}"));
        var keys = await store.ListAsync(cancellation);
        Assert.Equal(2 * Rounds, keys.Count(key => key.RevokedAt is not null));
    }

    private static ApiKeyRecord Admin(string id, DateTimeOffset now) =>
        new(id, id, ApiKeyRoles.Admin, $"hash-{id}", now, ExpiresAt: null, RevokedAt: null, LastUsedAt: null);
}
