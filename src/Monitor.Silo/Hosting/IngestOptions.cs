namespace Monitor.Silo.Hosting;

/// <summary>Limits of the observation ingest endpoint (configuration section <c>Monitor:Ingest</c>).</summary>
public sealed class IngestOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Monitor:Ingest";

    // Most observations one request may carry; a larger batch is answered 413.
    public int MaxBatchSize { get; set; } = 10_000;

    // Largest request body in bytes; a larger body is answered 413.
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    // How far ahead of the silo's clock a timestamp may be before it counts as "in the future" (collector clock skew).
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
