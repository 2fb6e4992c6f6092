using System.Diagnostics.Metrics;

namespace Monitor.Grains.Observations;

/// <summary>Instruments of the group-commit writers (observation log, account directory) on the service's <c>Monitor</c> meter.</summary>
internal static class GroupCommitInstruments
{
    private static readonly Meter Meter = new("Monitor");

    /// <summary>How long one group commit took (its transaction, from start to commit), tagged with the store.</summary>
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "monitor.group_commit.duration", unit: "s", description: "Time one group-commit transaction took, by store.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    /// <summary>Items (rows, directory changes) per group commit, tagged with the store.</summary>
    public static readonly Histogram<int> Items = Meter.CreateHistogram<int>(
        "monitor.group_commit.items", unit: "{item}", description: "Items committed together in one group commit, by store.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 10, 100, 1_000, 5_000, 10_000, 50_000, 100_000] });
}
