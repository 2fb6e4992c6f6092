using System.Diagnostics.Metrics;

namespace Monitor.Storage;

/// <summary>Instruments of the storage providers on the <c>Monitor.Storage</c> meter.</summary>
internal static class StorageInstruments
{
    private static readonly Meter Meter = new("Monitor.Storage");

    /// <summary>Operations per group commit, tagged with the provider kind and its registered name.</summary>
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "monitor.storage.batch.size", unit: "{operation}", description: "Writes and clears committed together in one group commit.");
}
