using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Grains.Observations;
using Npgsql;

namespace Monitor.Grains;

/// <summary>Schema gates for the observation log and the directory, over Monitor.Storage's migrator.</summary>
internal static class MonitorSchema
{
    private const string ObservationLogScriptPrefix = "Monitor.Sql.SqliteObservationLog.";

    /// <summary>Switches the file to WAL and migrates it, once.</summary>
    public static SchemaGate Sqlite(string path, SchemaMigrator migrator) => new(async cancellationToken =>
    {
        await using var connection = await OpenInWalModeAsync(path, cancellationToken).ConfigureAwait(false);
        await migrator.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
    });

    /// <summary>
    /// Switches the observation log's own file to WAL and migrates it with the log's scripts, once; then moves in the rows
    /// an older release kept in the main database at <paramref name="legacyPath"/> (null: none to look for).
    /// </summary>
    public static SchemaGate SqliteObservationLog(string path, string? legacyPath, ILogger? logger = null) => new(async cancellationToken =>
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = await OpenInWalModeAsync(path, cancellationToken).ConfigureAwait(false);
        var migrator = new SchemaMigrator(SchemaDialect.Sqlite) { Logger = logger ?? NullLogger.Instance }
            .AddScripts(typeof(MonitorSchema).Assembly, ObservationLogScriptPrefix);
        await migrator.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
        if (legacyPath is not null && Path.GetFullPath(legacyPath) != Path.GetFullPath(path))
        {
            await LegacyObservationRows.MoveAsync(connection, Path.GetFullPath(legacyPath), cancellationToken).ConfigureAwait(false);
        }
    });

    /// <summary>Migrates the database (under the migrator's advisory lock), once.</summary>
    public static SchemaGate Postgres(NpgsqlDataSource dataSource, SchemaMigrator migrator) => new(async cancellationToken =>
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await migrator.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
    });

    private static async Task<SqliteConnection> OpenInWalModeAsync(string path, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 30000;";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
