using System.Data.Common;
using Microsoft.Data.Sqlite;
using Monitor.Grains.Alerts.Store;
using Monitor.Storage;
using SQLitePCL;

namespace Monitor.Grains.Tests.Support;

/// <summary>
/// The SQLite alert store with a count of the virtual-machine instructions SQLite runs for it (a progress handler on each
/// connection, called every instruction). Rows visited by a scan or a join each cost instructions; the depth of a B-tree
/// does not (a seek is one instruction), so the count measures how many rows the store's statements read, not time.
/// </summary>
internal sealed class StepCountingSqliteAlertStore(string path, string serviceId, SchemaGate schema) : SqlAlertStore(serviceId, schema)
{
    private long _steps;

    /// <summary>Instructions run since the store was made.</summary>
    public long Steps => Interlocked.Read(ref _steps);

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        // A connection string of its own (an odd timeout): pools are per string, and a handle with the handler installed
        // must not go back to a pool the silo's other stores draw from.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 31 }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA busy_timeout = 30000;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }

        raw.sqlite3_progress_handler(connection.Handle, 1, _ =>
        {
            Interlocked.Increment(ref _steps);
            return 0;
        }, null);
        return connection;
    }
}
