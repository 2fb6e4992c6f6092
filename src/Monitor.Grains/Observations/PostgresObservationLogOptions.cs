namespace Monitor.Grains.Observations;

/// <summary>Settings of <see cref="PostgresObservationLog"/>.</summary>
public sealed class PostgresObservationLogOptions
{
    /// <summary>Separates deployments that share one database.</summary>
    public string ServiceId { get; set; } = "monitor";

    /// <summary>The most rows one group-commit transaction takes.</summary>
    public int MaxBatchRows { get; set; } = 100_000;
}
