namespace Monitor.Storage;

/// <summary>Settings of <see cref="SqliteGrainStorage"/> and <c>SqliteReminderTable</c>.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Path of the database file; created with its folder if missing.</summary>
    public string DataSource { get; set; } = "monitor.db";

    /// <summary>Partitions one database between deployments; rows of other services are invisible.</summary>
    public string ServiceId { get; set; } = "monitor";

    /// <summary>How long a statement waits for another connection's write lock before failing with SQLITE_BUSY.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most writes and clears committed in one group-commit transaction.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>A batch closes once its payloads reach this many bytes (a single larger payload still goes alone).</summary>
    public long MaxBatchBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Apply deploy/sql/sqlite on first use; turn off when the schema is managed by hand.</summary>
    public bool ApplySchema { get; set; } = true;

    /// <summary>Serializer for this provider; null uses the one registered in DI, or JSON.</summary>
    public IGrainStateSerializer? Serializer { get; set; }
}
