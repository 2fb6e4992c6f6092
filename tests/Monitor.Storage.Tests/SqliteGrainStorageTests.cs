using Microsoft.Data.Sqlite;
using Xunit;
using Monitor.Testing;

namespace Monitor.Storage.Tests;

public sealed class SqliteGrainStorageTests : SqlGrainStorageConformanceTests
{
    private readonly TemporaryDirectory _folder = new();

    private string DatabasePath => _folder.File("grains.db");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_database_file_is_in_wal_mode()
    {
        await Storage.WriteStateAsync("account", TestGrains.NewAccount(), new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build()));

        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_database_file_in_a_missing_folder_is_created()
    {
        var path = Path.Combine(_folder.Path, "nested", "deeper", "silo.db");
        var storage = Track(new SqliteGrainStorage("nested", new SqliteStorageOptions { DataSource = path }));

        await storage.WriteStateAsync("account", TestGrains.NewAccount(), new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build()), TestContext.Current.CancellationToken);

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Options_without_a_data_source_are_rejected_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteGrainStorage("bad", new SqliteStorageOptions { DataSource = " " }));
        var batch = Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteGrainStorage("bad", new SqliteStorageOptions { DataSource = DatabasePath, MaxBatchSize = 0 }));

        Assert.Equal("options.DataSource", error.ParamName);
        Assert.Equal("options.MaxBatchSize", batch.ParamName);
        Assert.Equal(0, batch.ActualValue);
    }

    protected override SchemaDialect Dialect => SchemaDialect.Sqlite;

    protected override SqlGrainStorage CreateStorage(string serviceId) =>
        new SqliteGrainStorage("sqlite-test", new SqliteStorageOptions { DataSource = DatabasePath, ServiceId = serviceId });

    protected override async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return connection;
    }

    protected override async Task<IReadOnlyList<(string Name, string AppliedOn)>> ReadSchemaVersionsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT script_name, applied_on FROM schema_version ORDER BY script_name";
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }
}
