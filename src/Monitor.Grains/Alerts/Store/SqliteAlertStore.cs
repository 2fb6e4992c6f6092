using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Monitor.Grains.Alerts.Store;

/// <summary>The alert store in the silo's SQLite file (or, for the memory provider, a private in-memory SQLite database).</summary>
internal sealed class SqliteAlertStore : SqlAlertStore, IDisposable
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    // An in-memory database lives as long as one connection to it is open.
    private readonly SqliteConnection? _keepAlive;

    private SqliteAlertStore(string connectionString, string serviceId, TimeSpan busyTimeout, SchemaGate schema, SqliteConnection? keepAlive)
        : base(serviceId, schema)
    {
        _connectionString = connectionString;
        _busyTimeoutMs = (int)busyTimeout.TotalMilliseconds;
        _keepAlive = keepAlive;
    }

    /// <summary>The store in the SQLite file at <paramref name="path"/>, migrated by <paramref name="schema"/>.</summary>
    public static SqliteAlertStore InFile(string path, string serviceId, TimeSpan busyTimeout, SchemaGate schema) =>
        new(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString(), serviceId, busyTimeout, schema, null);

    /// <summary>A store in a private in-memory database that lives as long as this object (the memory provider's).</summary>
    public static SqliteAlertStore InMemory(string serviceId, Storage.SchemaMigrator migrator)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"alerts-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        var keepAlive = new SqliteConnection(connectionString);
        keepAlive.Open();
        var schema = new SchemaGate(cancellationToken => migrator.MigrateAsync(keepAlive, cancellationToken));
        return new SqliteAlertStore(connectionString, serviceId, TimeSpan.FromSeconds(30), schema, keepAlive);
    }

    public void Dispose() => _keepAlive?.Dispose();

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite runs its async calls synchronously: without this hop to the thread pool, a store call
        // would run on its caller's turn, and nothing could interleave with the alert hub (an acknowledgement during a
        // batch) until the batch's reads were done. The rest of the call runs on the thread pool; the caller's turn is free.
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = FULL;");
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
