using System.Data.Common;
using Microsoft.Data.Sqlite;
using Monitor.Grains;
using Monitor.Storage;
using Npgsql;

namespace Monitor.Silo.Hosting;

/// <summary>
/// The silo's own tables (API keys, audit log, webhooks) in the configured store: the SQLite file, the PostgreSQL
/// database, or, for the memory provider, a private in-memory SQLite database. Statements use <c>@name</c> parameters and
/// SQL both engines accept; the schema scripts are applied once, on first use.
/// </summary>
public sealed class SiloDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqliteConnectionString;
    private readonly SqliteConnection? _memoryKeepAlive;
    private readonly Func<SchemaMigrator> _migrator;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Opens (lazily) the store <paramref name="storage"/> names; <paramref name="migrator"/> supplies the schema scripts.</summary>
    public SiloDatabase(MonitorStorageOptions storage, Func<SchemaDialect, SchemaMigrator> migrator)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(migrator);
        ServiceId = storage.ServiceId;
        switch (storage.Provider)
        {
            case StorageProvider.Postgres:
                _postgres = new NpgsqlDataSourceBuilder(storage.PostgresConnectionString)
                {
                    ConnectionStringBuilder = { MaxPoolSize = 10 },
                }.Build();
                Dialect = SchemaDialect.Postgres;
                break;
            case StorageProvider.Sqlite:
                _sqliteConnectionString = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.GetFullPath(storage.SqlitePath),
                    Pooling = true,
                    DefaultTimeout = 30,
                }.ToString();
                Dialect = SchemaDialect.Sqlite;
                break;
            default:
                // A shared-cache in-memory database lives while one connection to it stays open.
                _sqliteConnectionString = new SqliteConnectionStringBuilder
                {
                    DataSource = $"monitor-silo-{Guid.NewGuid():N}",
                    Mode = SqliteOpenMode.Memory,
                    Cache = SqliteCacheMode.Shared,
                    DefaultTimeout = 30,
                }.ToString();
                _memoryKeepAlive = new SqliteConnection(_sqliteConnectionString);
                _memoryKeepAlive.Open();
                Dialect = SchemaDialect.Sqlite;
                break;
        }

        _migrator = () => migrator(Dialect);
    }

    /// <summary>Separates deployments that share one database.</summary>
    public string ServiceId { get; }

    /// <summary>The engine (PostgreSQL, or SQLite for both the file and the memory provider).</summary>
    public SchemaDialect Dialect { get; }

    /// <summary>An open connection; the schema is current.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
        if (!_schemaReady)
        {
            try
            {
                await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return connection;
    }

    /// <summary>A command on <paramref name="connection"/> with <c>@name</c> parameters.</summary>
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Milliseconds since 1970-01-01 UTC, the time unit of these tables.</summary>
    public static long ToMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>The inverse of <see cref="ToMilliseconds"/>.</summary>
    public static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>A nullable time column.</summary>
    public static DateTimeOffset? ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : FromMilliseconds(reader.GetInt64(ordinal));
    }

    /// <summary>A nullable text column.</summary>
    public static string? ReadText(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }

        if (_memoryKeepAlive is not null)
        {
            await _memoryKeepAlive.DisposeAsync().ConfigureAwait(false);
        }

        _schemaGate.Dispose();
    }

    private async Task<DbConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                if (connection is SqliteConnection && _memoryKeepAlive is null)
                {
                    await using var wal = Command(connection, "PRAGMA journal_mode = WAL;");
                    await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await _migrator().MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }
}
