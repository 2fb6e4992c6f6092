namespace Monitor.Grains.Observations;

/// <summary>Settings of <see cref="SqliteObservationLog"/>.</summary>
public sealed class SqliteObservationLogOptions
{
    // The database file.
    public string DataSource { get; set; } = "data/monitor.db";

    // Separates deployments that share one database.
    public string ServiceId { get; set; } = "monitor";

    // FULL: an acknowledged batch survives power loss; NORMAL: it survives a process crash only (WAL), but commits faster.
    public string Synchronous { get; set; } = "FULL";

    // The most rows one group-commit transaction takes.
    public int MaxBatchRows { get; set; } = 50_000;

    // How long a statement waits for another writer (grain state, directory) to release the database.
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
