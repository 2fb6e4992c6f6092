using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Monitor.Grains.Alerts;

/// <summary>Instruments of the alert store on the service's <c>Monitor</c> meter.</summary>
internal static class AlertStoreInstruments
{
    private static readonly Meter Meter = new("Monitor");

    /// <summary>Alerts removed by the retention job.</summary>
    public static readonly Counter<long> Pruned = Meter.CreateCounter<long>(
        "monitor.alerts.pruned", unit: "{alert}", description: "Alerts removed by the retention policy (age or count).");

    /// <summary>How long one pruning pass took.</summary>
    public static readonly Histogram<double> PruneDuration = Meter.CreateHistogram<double>(
        "monitor.alerts.prune.duration", unit: "s", description: "Time one pass of the alert retention job took.");

    /// <summary>How long one publish took, store write included.</summary>
    public static readonly Histogram<double> PublishDuration = Meter.CreateHistogram<double>(
        "monitor.alerts.publish.duration", unit: "s", description: "Time the alert hub took to apply and store one batch of episode events.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    /// <summary>Commits not written because another hub activation committed over what they read (the call is computed again).</summary>
    public static readonly Counter<long> StaleCommits = Meter.CreateCounter<long>(
        "monitor.alerts.hub.stale_commits", unit: "{commit}", description: "Alert hub commits computed again because another hub shard committed over what they read.");

    /// <summary>
    /// How long one phase of a hub call took: <c>gate</c> (waiting for the commit gate), <c>read</c> (the store reads
    /// under the gate), <c>commit</c> (the store write), per action (acknowledge, resolve, silence, publish).
    /// </summary>
    public static readonly Histogram<double> PhaseDuration = Meter.CreateHistogram<double>(
        "monitor.alerts.hub.phase.duration", unit: "s", description: "Time one phase (gate wait, reads, store write) of an alert hub call took.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    public static void RecordPhase(string action, string phase, long startedTimestamp) =>
        PhaseDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("phase", phase));
}
