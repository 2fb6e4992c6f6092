namespace Monitor.Api;

/// <summary>Limits of the observation ingest endpoint (configuration section <c>Monitor:Ingest</c>).</summary>
public sealed class IngestOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Monitor:Ingest";

    /// <summary>Most observations one request may carry; a larger batch is answered 413.</summary>
    public int MaxBatchSize { get; set; } = 10_000;

    /// <summary>Largest request body in bytes; a larger body is answered 413.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How far ahead of the silo's clock a timestamp may be before it counts as "in the future" (collector clock skew).</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
