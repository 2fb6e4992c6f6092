using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Monitor.Grains;

/// <summary>
/// The silo's own tables (API keys, audit log, webhooks) in the configured store: the SQLite file, the PostgreSQL
/// database, or, for the memory provider, a private in-memory SQLite database. Statements use <c>@name</c> parameters and
/// SQL both engines accept. In the silo it shares the grains' PostgreSQL data source and schema gate
/// (<see cref="Shared"/>); the offline command line opens the store on its own.
/// </summary>
public sealed class SiloDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly bool _ownsPostgres;
    private readonly string? _sqliteConnectionString;
    private readonly SqliteConnection? _memoryKeepAlive;
    private readonly SchemaGate _schema;

    /// <summary>Opens (lazily) the store <paramref name="storage"/> names on its own; <paramref name="migrator"/> supplies the schema scripts.</summary>
    public SiloDatabase(MonitorStorageOptions storage, Func<SchemaDialect, SchemaMigrator> migrator)
        : this(storage, migrator, sharedPostgres: null, sharedSchema: null)
    {
    }

    private SiloDatabase(MonitorStorageOptions storage, Func<SchemaDialect, SchemaMigrator> migrator, NpgsqlDataSource? sharedPostgres, SchemaGate? sharedSchema)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(migrator);
        ServiceId = storage.ServiceId;
        switch (storage.Provider)
        {
            case StorageProvider.Postgres:
                Dialect = SchemaDialect.Postgres;
                _ownsPostgres = sharedPostgres is null;

                // The connection string as the operator wrote it (its pool size included).
                _postgres = sharedPostgres ?? NpgsqlDataSource.Create(storage.PostgresConnectionString!);
                break;
            case StorageProvider.Sqlite:
                Dialect = SchemaDialect.Sqlite;
                _sqliteConnectionString = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.GetFullPath(storage.SqlitePath),
                    Pooling = true,
                    DefaultTimeout = 30,
                }.ToString();
                break;
            default:
                // A shared-cache in-memory database lives while one connection to it stays open; the grains keep their
                // state elsewhere (Orleans' memory storage), so nobody else migrates it.
                Dialect = SchemaDialect.Sqlite;
                _sqliteConnectionString = new SqliteConnectionStringBuilder
                {
                    DataSource = $"monitor-silo-{Guid.NewGuid():N}",
                    Mode = SqliteOpenMode.Memory,
                    Cache = SqliteCacheMode.Shared,
                    DefaultTimeout = 30,
                }.ToString();
                _memoryKeepAlive = new SqliteConnection(_sqliteConnectionString);
                _memoryKeepAlive.Open();
                sharedSchema = null;
                break;
        }

        _schema = sharedSchema ?? new SchemaGate(cancellationToken => MigrateAsync(migrator(Dialect), cancellationToken));
    }

    /// <summary>
    /// The silo's instance: on PostgreSQL the database's one data source (<see cref="MonitorSiloBuilderExtensions.DataSourceKey"/>),
    /// and for SQLite and PostgreSQL the schema gate the grains' stores use, so the schema scripts run once per process.
    /// </summary>
    public static SiloDatabase Shared(IServiceProvider provider, MonitorStorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(storage);
        var postgres = storage.Provider == StorageProvider.Postgres
            ? provider.GetRequiredKeyedService<NpgsqlDataSource>(MonitorSiloBuilderExtensions.DataSourceKey)
            : null;
        return new SiloDatabase(storage, dialect => SchemaMigrator.CreateDefault(dialect, provider), postgres, provider.GetRequiredService<SchemaGate>());
    }

    /// <summary>The PostgreSQL data source the tables are reached through, or null for SQLite.</summary>
    internal NpgsqlDataSource? PostgresDataSource => _postgres;

    /// <summary>Separates deployments that share one database.</summary>
    public string ServiceId { get; }

    /// <summary>The engine (PostgreSQL, or SQLite for both the file and the memory provider).</summary>
    public SchemaDialect Dialect { get; }

    /// <summary>An open connection; the schema is current.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>A command in <paramref name="transaction"/> with this silo's service id as <c>@service</c> and <paramref name="parameters"/>.</summary>
    public DbCommand CommandIn(DbTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var command = Command(transaction.Connection ?? throw new ArgumentException("The transaction is complete.", nameof(transaction)), sql, [("@service", ServiceId), .. parameters]);
        command.Transaction = transaction;
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
        if (_ownsPostgres)
        {
            await _postgres!.DisposeAsync().ConfigureAwait(false);
        }

        if (_memoryKeepAlive is not null)
        {
            await _memoryKeepAlive.DisposeAsync().ConfigureAwait(false);
        }
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

    private async Task MigrateAsync(SchemaMigrator migrator, CancellationToken cancellationToken)
    {
        await using var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
        if (connection is SqliteConnection && _memoryKeepAlive is null)
        {
            await using var wal = Command(connection, "PRAGMA journal_mode = WAL;");
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await migrator.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
    }
}
