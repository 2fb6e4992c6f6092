using Microsoft.Data.Sqlite;
using Monitor.Runtime.Storage;
using Npgsql;

namespace Monitor.Grains;

/// <summary>Schema gates for the observation log and the directory, over the runtime's migrator.</summary>
internal static class MonitorSchema
{
    /// <summary>Switches the file to WAL and migrates it, once.</summary>
    public static SchemaGate Sqlite(string path, SchemaMigrator migrator) => new(async cancellationToken =>
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 30000;";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await migrator.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
    });

    /// <summary>Migrates the database (under the migrator's advisory lock), once.</summary>
    public static SchemaGate Postgres(NpgsqlDataSource dataSource, SchemaMigrator migrator) => new(async cancellationToken =>
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await migrator.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
    });
}
