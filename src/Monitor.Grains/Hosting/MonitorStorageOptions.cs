namespace Monitor.Grains;

/// <summary>Where the silo keeps grain state, reminders, the observation log and the account directory.</summary>
public sealed class MonitorStorageOptions
{
    // The database engine behind every store.
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    // The SQLite database file (created with its folder if missing).
    public string SqlitePath { get; set; } = "data/monitor.db";

    // The PostgreSQL connection string; required when Provider is Postgres.
    public string? PostgresConnectionString { get; set; }

    // Separates deployments that share one database.
    public string ServiceId { get; set; } = "monitor";
}
