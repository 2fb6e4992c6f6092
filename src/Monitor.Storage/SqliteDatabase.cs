using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;

namespace Monitor.Storage;

/// <summary>
/// One SQLite database file as the SQLite providers use it: connection settings, pragmas and the schema applied once.
/// </summary>
/// <remarks>
/// <c>synchronous=FULL</c>: in WAL mode NORMAL does not sync the log at commit, so a power loss or OS crash can drop commits
/// that were already acknowledged. FULL syncs the WAL on every commit, and group commit spreads that one sync over every
/// write in the batch, which is what makes "acknowledged only when durable" affordable.
/// </remarks>
internal sealed class SqliteDatabase
{
    private readonly SqliteStorageOptions _options;
    private readonly SchemaMigrator _migrator;
    private readonly SchemaGate _schema;

    public SqliteDatabase(SqliteStorageOptions options, SchemaMigrator? migrator, string optionsName = "options")
    {
        ArgumentNullException.ThrowIfNull(options, optionsName);
        if (string.IsNullOrWhiteSpace(options.DataSource))
        {
            throw new ArgumentException($"{nameof(options.DataSource)} must name a database file (was '{options.DataSource}').", $"{optionsName}.{nameof(options.DataSource)}");
        }

        StorageArguments.ValidateServiceId(options.ServiceId, $"{optionsName}.{nameof(options.ServiceId)}");
        if (options.BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException($"{optionsName}.{nameof(options.BusyTimeout)}", options.BusyTimeout, "The busy timeout must not be negative.");
        }

        migrator ??= SchemaMigrator.CreateDefault(SchemaDialect.Sqlite);
        if (migrator.Dialect != SchemaDialect.Sqlite)
        {
            throw new ArgumentException($"The migrator is for {migrator.Dialect}, not SQLite.", nameof(migrator));
        }

        _options = options;
        _migrator = migrator;
        ServiceId = options.ServiceId;
        FilePath = Path.GetFullPath(options.DataSource);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _schema = new SchemaGate(ApplySchemaAsync);
    }

    public string ServiceId { get; }

    /// <summary>Binds <c>$service</c> (this service), <c>$type</c> and <c>$key</c> (the grain's) and <c>$name</c> on a grain row's command.</summary>
    public void AddGrainRow(SqliteCommand command, GrainId grainId, string name)
    {
        command.Parameters.AddWithValue("$service", ServiceId);
        command.Parameters.AddWithValue("$type", grainId.Type.ToString());
        command.Parameters.AddWithValue("$key", grainId.Key.ToString());
        command.Parameters.AddWithValue("$name", name);
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>Opens a pooled connection with the busy timeout and durability pragmas set.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;");
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Switches the file to WAL and applies the schema scripts, once per instance (later calls return at once).</summary>
    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => _schema.EnsureAsync(cancellationToken);

    /// <summary>Releases the pooled connections to the file, so it can be moved or deleted.</summary>
    public void ReleasePooledConnections()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task ApplySchemaAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            // WAL is a property of the file: readers no longer block the writer, nor the writer the readers.
            wal.CommandText = "PRAGMA journal_mode = WAL";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        if (_options.ApplySchema)
        {
            await _migrator.MigrateAsync(connection, cancellationToken);
        }
    }
}
