using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Testing;
using Npgsql;
using Xunit;

namespace Monitor.Silo.Tests.Upgrade;

/// <summary>
/// A PostgreSQL database of a release before Orleans kept its reminders in Monitor's own <c>reminders</c> table: after the
/// upgrade they are in Orleans' reminder table, with nothing left behind and nothing moved twice.
/// </summary>
public sealed class PostgresReminderUpgradeTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const string ServiceId = "monitor";

    [Fact]
    public async Task Reminders_of_the_previous_release_move_into_orleans_reminder_table_at_start()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var connectionString = await database.Server.CreateDatabaseAsync("upgrade", cancellation);

        // A first start applies every schema script, as the previous release had applied its own.
        await (await RunningSilo.StartAsync(new SiloHostOptions().UsePostgres(connectionString))).DisposeAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await ExecuteAsync(dataSource, "DELETE FROM orleansreminderstable");
        var startAt = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        await ExecuteAsync(dataSource,
            "INSERT INTO reminders (service_id, grain_type, grain_key, reminder_name, grain_hash, start_at, period, version) VALUES " +
            "($1, 'account', 'x:1001', 'stall', 17, $2, interval '1 hour', 1), ($1, 'account', 'x:1002', 'stall', -5, $2, interval '5 minutes', 2), " +
            "('other-service', 'account', 'x:1', 'stall', 3, $2, interval '1 hour', 3)",
            ServiceId, startAt);

        await using (var upgraded = await RunningSilo.StartAsync(new SiloHostOptions().UsePostgres(connectionString)))
        {
            var moved = await PollAsync(dataSource, "SELECT grainid || '|' || remindername || '|' || period FROM orleansreminderstable WHERE serviceid = $1 ORDER BY 1",
                rows => rows.Count == 2, cancellation);

            Assert.Equal(["account/x:1001|stall|3600000", "account/x:1002|stall|300000"], moved);
            Assert.Equal(["other-service"], await QueryAsync(dataSource, "SELECT service_id FROM reminders", cancellation));
        }

        // A second start finds nothing left to move and keeps what was moved.
        await (await RunningSilo.StartAsync(new SiloHostOptions().UsePostgres(connectionString))).DisposeAsync();
        Assert.Equal(2, (await QueryAsync(dataSource, "SELECT grainid FROM orleansreminderstable WHERE serviceid = $1", cancellation, ServiceId)).Count);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<List<string>> QueryAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetValue(0).ToString()!);
        }

        return rows;
    }

    // The move runs once the silo is active, alongside the test: wait for it with a deadline.
    private static async Task<List<string>> PollAsync(NpgsqlDataSource dataSource, string sql, Func<List<string>, bool> done, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var rows = await QueryAsync(dataSource, sql, cancellationToken, ServiceId);
            if (done(rows) || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
