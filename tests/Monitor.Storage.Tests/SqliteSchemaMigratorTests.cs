using System.Data.Common;
using Microsoft.Data.Sqlite;
using Xunit;
using Monitor.Testing;

namespace Monitor.Storage.Tests;

public sealed class SqliteSchemaMigratorTests : SchemaMigratorConformanceTests
{
    private readonly TemporaryDirectory _folder = new();

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return default;
    }

    protected override SchemaDialect Dialect => SchemaDialect.Sqlite;

    protected override Task<Func<DbConnection>> CreateDatabaseAsync()
    {
        var path = _folder.File($"{Guid.NewGuid():N}.db");
        return Task.FromResult<Func<DbConnection>>(() => new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=30"));
    }

    protected override async Task<IReadOnlyList<string>> ReadPrimaryKeyAsync(Func<DbConnection> connect, string table)
    {
        await using var connection = connect();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk";
        var columns = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
