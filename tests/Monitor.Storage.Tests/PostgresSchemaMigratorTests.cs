using System.Data.Common;
using Monitor.Testing;
using Npgsql;
using Xunit;

namespace Monitor.Storage.Tests;

public sealed class PostgresSchemaMigratorTests(PostgresDatabaseFixture database) : SchemaMigratorConformanceTests, IClassFixture<PostgresDatabaseFixture>
{
    private readonly List<string> _databases = [];

    public override async ValueTask DisposeAsync()
    {
        foreach (var connectionString in _databases)
        {
            await database.Server.DropDatabaseAsync(connectionString);
        }
    }

    protected override SchemaDialect Dialect => SchemaDialect.Postgres;

    protected override async Task<Func<DbConnection>> CreateDatabaseAsync()
    {
        var connectionString = await database.Server.CreateDatabaseAsync("migr", TestContext.Current.CancellationToken);
        _databases.Add(connectionString);
        return () => new NpgsqlConnection(connectionString);
    }

    protected override async Task<IReadOnlyList<string>> ReadPrimaryKeyAsync(Func<DbConnection> connect, string table)
    {
        await using var connection = connect();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) " +
            "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum " +
            $"WHERE i.indrelid = '{table}'::regclass AND i.indisprimary ORDER BY k.position";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
