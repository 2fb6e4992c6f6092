using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>Per-account detector settings; a null property keeps the default.</summary>
[GenerateSerializer, Immutable, Alias("monitor.DetectorOverrides")]
public sealed record DetectorOverrides(
    [property: Id(0)] double? SpikeZ = null,
    [property: Id(1)] double? SurgeThreshold = null,
    [property: Id(2)] double? DropRelative = null,
    [property: Id(3)] long? MinAbsoluteChange = null,
    [property: Id(4)] double? MinRelativeChange = null,
    [property: Id(5)] TimeSpan? StallAfter = null);
