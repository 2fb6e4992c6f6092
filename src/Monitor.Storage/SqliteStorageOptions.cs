namespace Monitor.Storage;

/// <summary>Settings of <see cref="SqliteGrainStorage"/> and <c>SqliteReminderTable</c>.</summary>
public sealed class SqliteStorageOptions
{
    // Path of the database file; created with its folder if missing.
    public string DataSource { get; set; } = "monitor.db";

    // Partitions one database between deployments; rows of other services are invisible.
    public string ServiceId { get; set; } = "monitor";

    // How long a statement waits for another connection's write lock before failing with SQLITE_BUSY.
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    // Most writes and clears committed in one group-commit transaction.
    public int MaxBatchSize { get; set; } = 512;

    // A batch closes once its payloads reach this many bytes (a single larger payload still goes alone).
    public long MaxBatchBytes { get; set; } = 16 * 1024 * 1024;

    // Apply deploy/sql/sqlite on first use; turn off when the schema is managed by hand.
    public bool ApplySchema { get; set; } = true;

    // Serializer for this provider; null uses the one registered in DI, or JSON.
    public IGrainStateSerializer? Serializer { get; set; }
}
