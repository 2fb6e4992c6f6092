using Microsoft.Data.Sqlite;
using Monitor.Benchmarks.Runtime;
using Monitor.Storage;
using Monitor.Testing;
using Npgsql;

namespace Monitor.Benchmarks.Storage;

/// <summary>
/// A bench silo holding both contenders of one database engine: Monitor's group-committing storage as provider
/// "monitor" and Orleans' ADO.NET storage as provider "orleans", each in a database of its own, both with Monitor's JSON
/// state serializer. The Orleans database gets Orleans' scripts (<see cref="OrleansSqlScripts"/>).
/// </summary>
public sealed class GrainStateWriteSilo : IAsyncDisposable
{
    public const string MonitorProvider = "monitor";
    public const string OrleansProvider = "orleans";

    /// <summary>
    /// Overrides the ADO.NET invariant Orleans' storage uses for SQLite. Orleans 10.4.2 knows SQLite only as
    /// "System.Data.SQLite" (AdoNetInvariants.InvariantNameSqlLite), which it loads as Microsoft.Data.Sqlite's factory;
    /// "Microsoft.Data.Sqlite" fails at silo start (KeyNotFoundException in DbConstantsStore).
    /// </summary>
    public const string SqliteInvariantVariable = "MONITOR_ORLEANS_SQLITE_INVARIANT";

    private readonly Func<ValueTask> _cleanup;

    private GrainStateWriteSilo(BenchSilo silo, string description, Func<ValueTask> cleanup)
    {
        Silo = silo;
        Description = description;
        _cleanup = cleanup;
    }

    public BenchSilo Silo { get; }

    /// <summary>The databases and their durability settings, for the record.</summary>
    public string Description { get; }

    /// <summary>Monitor's storage provider (for its group-commit counters).</summary>
    public SqlGrainStorage MonitorStorage => (SqlGrainStorage)Silo.Storage(MonitorProvider);

    /// <summary>SQLite files in a temp folder, WAL; Monitor's writer uses synchronous=FULL, Orleans' connections SQLite's default.</summary>
    public static async Task<GrainStateWriteSilo> StartSqliteAsync()
    {
        var folder = Directory.CreateTempSubdirectory("monitor-bench-").FullName;
        var monitorPath = Path.Combine(folder, "monitor.db");
        var orleansPath = Path.Combine(folder, "orleans.db");
        var orleansConnection = new SqliteConnectionStringBuilder { DataSource = orleansPath, DefaultTimeout = 60 }.ConnectionString;
        string synchronous;
        await using (var connection = new SqliteConnection(orleansConnection))
        {
            await connection.OpenAsync();
            await OrleansSqlScripts.ApplyAsync(connection, "Sqlite-Main.sql", "Sqlite-Persistence.sql");
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous;";
            await using var reader = await pragma.ExecuteReaderAsync();
            await reader.NextResultAsync();
            await reader.ReadAsync();
            synchronous = reader.GetInt64(0) switch { 0 => "OFF", 1 => "NORMAL", 2 => "FULL", 3 => "EXTRA", var other => other.ToString() };
        }

        var invariant = Environment.GetEnvironmentVariable(SqliteInvariantVariable) is { Length: > 0 } configured ? configured : "System.Data.SQLite";
        var silo = await BenchSilo.StartAsync(builder =>
        {
            builder.Services.AddSqliteGrainStorage(MonitorProvider, options =>
            {
                options.DataSource = monitorPath;
                options.ServiceId = "bench";
            });
            builder.AddAdoNetGrainStorage(OrleansProvider, options =>
            {
                options.Invariant = invariant;
                options.ConnectionString = orleansConnection;
                options.GrainStorageSerializer = new JsonGrainStateSerializer();
            });
        });
        var description = $"SQLite {SqliteVersion()} in {folder}: monitor.db (SqliteGrainStorage, WAL, synchronous=FULL), " +
                          $"orleans.db (Orleans ADO.NET, invariant {invariant}, WAL, synchronous={synchronous} by default)";
        return new GrainStateWriteSilo(silo, description, async () =>
        {
            await silo.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        });
    }

    /// <summary>Two databases on the test kit's server (MONITOR_TEST_POSTGRES, or a throw-away one with fsync off); pooled connections for both.</summary>
    public static async Task<GrainStateWriteSilo> StartPostgresAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        var monitorDatabase = Pooled(await server.CreateDatabaseAsync("benchmonitor"));
        var orleansDatabase = Pooled(await server.CreateDatabaseAsync("benchorleans"));
        string settings;
        await using (var connection = new NpgsqlConnection(orleansDatabase))
        {
            await connection.OpenAsync();
            await OrleansSqlScripts.ApplyAsync(connection, "PostgreSQL-Main.sql", "PostgreSQL-Persistence.sql");
            await using var command = new NpgsqlCommand(
                "SELECT current_setting('server_version') || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit')",
                connection);
            settings = (string)(await command.ExecuteScalarAsync())!;
        }

        var silo = await BenchSilo.StartAsync(builder =>
        {
            builder.Services.AddPostgresGrainStorage(MonitorProvider, options =>
            {
                options.ConnectionString = monitorDatabase;
                options.ServiceId = "bench";
            });
            builder.AddAdoNetGrainStorage(OrleansProvider, options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = orleansDatabase;
                options.GrainStorageSerializer = new JsonGrainStateSerializer();
            });
        });
        var description = $"PostgreSQL {settings} ({(server.IsThrowAway ? "test kit's throw-away server" : PostgresServer.ConnectionStringVariable)}), " +
                          "one database per contender, pools of up to 100 connections";
        return new GrainStateWriteSilo(silo, description, async () =>
        {
            await silo.DisposeAsync();
            await server.DropDatabaseAsync(monitorDatabase);
            await server.DropDatabaseAsync(orleansDatabase);
        });
    }

    /// <summary>Calls <see cref="IStateWriterGrain.WriteAsync"/> on grains 0..999 of one contender, 64 writers at a time.</summary>
    public Task RunAsync(string provider, int rounds = GrainWriteWorkload.Rounds)
    {
        var factory = Silo.Factory;
        var grains = provider == MonitorProvider
            ? Enumerable.Range(0, GrainWriteWorkload.Grains).Select(i => (IStateWriterGrain)factory.GetGrain<IMonitorStoreWriterGrain>(i)).ToArray()
            : Enumerable.Range(0, GrainWriteWorkload.Grains).Select(i => (IStateWriterGrain)factory.GetGrain<IOrleansStoreWriterGrain>(i)).ToArray();
        return GrainWriteWorkload.Run(i => grains[i].WriteAsync(), rounds);
    }

    /// <summary>The mean group-commit size of Monitor's provider so far.</summary>
    public string MonitorBatchStatistics() =>
        $"{MonitorStorage.BatchCount} group commits, mean batch {(double)MonitorStorage.OperationCount / Math.Max(1, MonitorStorage.BatchCount):F1} writes";

    public ValueTask DisposeAsync() => _cleanup();

    private static string Pooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = true, MaxPoolSize = 100 }.ConnectionString;

    private static string SqliteVersion()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection.ServerVersion;
    }
}
