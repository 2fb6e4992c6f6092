namespace Monitor.Grains;

/// <summary>Where the silo keeps grain state, reminders, the observation log and the account directory.</summary>
public sealed class MonitorStorageOptions
{
    /// <summary>The database engine behind every store.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite database file (created with its folder if missing).</summary>
    public string SqlitePath { get; set; } = "data/monitor.db";

    /// <summary>The PostgreSQL connection string; required when Provider is Postgres.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Separates deployments that share one database.</summary>
    public string ServiceId { get; set; } = "monitor";
}
