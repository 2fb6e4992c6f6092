namespace Monitor.Grains.Observations;

/// <summary>Settings of <see cref="PostgresObservationLog"/>.</summary>
public sealed class PostgresObservationLogOptions
{
    // Separates deployments that share one database.
    public string ServiceId { get; set; } = "monitor";

    // The most rows one group-commit transaction takes.
    public int MaxBatchRows { get; set; } = 100_000;
}
