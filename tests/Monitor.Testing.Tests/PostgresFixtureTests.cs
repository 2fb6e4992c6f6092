using Monitor.Testing;
using Npgsql;
using Xunit;

namespace Monitor.Testing.Tests;

public sealed class PostgresFixtureTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Fresh_database_accepts_a_table_and_returns_the_rows_written()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var create = database.DataSource.CreateCommand(
            "CREATE TABLE observation (account text NOT NULL, at timestamptz NOT NULL, followers bigint NOT NULL, PRIMARY KEY (account, at))"))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var start = new DateTimeOffset(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
        await using (var insert = database.DataSource.CreateCommand(
            "INSERT INTO observation SELECT 'x:2996296402', t, f FROM unnest($1::timestamptz[], $2::bigint[]) AS u(t, f)"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Range(0, 3).Select(d => start.AddDays(d)).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = new long[] { 400_000, 403_500, 10_000_000_000 } });
            Assert.Equal(3, await insert.ExecuteNonQueryAsync(ct));
        }

        var read = new List<(DateTimeOffset At, long Followers)>();
        await using (var select = database.DataSource.CreateCommand("SELECT at, followers FROM observation ORDER BY at"))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                read.Add((reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1)));
            }
        }

        Assert.Equal([(start, 400_000L), (start.AddDays(1), 403_500L), (start.AddDays(2), 10_000_000_000L)], read);
    }

    [Fact]
    public async Task Each_database_is_isolated_from_the_others()
    {
        var ct = TestContext.Current.CancellationToken;
        var other = await database.Server.CreateDatabaseAsync(cancellationToken: ct);
        try
        {
            await using var otherSource = NpgsqlDataSource.Create(other);
            await using (var create = otherSource.CreateCommand("CREATE TABLE only_here (id int)"))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            await using var probe = database.DataSource.CreateCommand("SELECT to_regclass('only_here') IS NULL");
            Assert.True((bool)(await probe.ExecuteScalarAsync(ct))!);
            Assert.NotEqual(new NpgsqlConnectionStringBuilder(other).Database, new NpgsqlConnectionStringBuilder(database.ConnectionString).Database);
        }
        finally
        {
            await database.Server.DropDatabaseAsync(other, ct);
        }
    }
}
