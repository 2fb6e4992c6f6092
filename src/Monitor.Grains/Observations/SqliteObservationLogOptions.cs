namespace Monitor.Grains.Observations;

/// <summary>Settings of <see cref="SqliteObservationLog"/>.</summary>
public sealed class SqliteObservationLogOptions
{
    /// <summary>The log's own database file (the silo puts it beside the main one: monitor.db -&gt; monitor.observations.db).</summary>
    public string DataSource { get; set; } = FileBeside("data/monitor.db");

    /// <summary>Separates deployments that share one database.</summary>
    public string ServiceId { get; set; } = "monitor";

    /// <summary>FULL: an acknowledged batch survives power loss; NORMAL: it survives a process crash only (WAL), but commits faster.</summary>
    public string Synchronous { get; set; } = "FULL";

    /// <summary>The most rows one group-commit transaction takes.</summary>
    public int MaxBatchRows { get; set; } = 50_000;

    /// <summary>How long a statement waits for another writer of the log's file (a delete, another service's log) to release it.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The log's file beside the main database <paramref name="mainDatabase"/>: <c>x/monitor.db</c> gives <c>x/monitor.observations.db</c>.</summary>
    public static string FileBeside(string mainDatabase)
    {
        ArgumentException.ThrowIfNullOrEmpty(mainDatabase);
        var name = Path.GetFileNameWithoutExtension(mainDatabase) + ".observations" + Path.GetExtension(mainDatabase);
        return Path.Combine(Path.GetDirectoryName(mainDatabase) ?? string.Empty, name);
    }
}
