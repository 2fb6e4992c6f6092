namespace Monitor.Abstractions.Accounts;

/// <summary>Per-account detector settings; a null property keeps the default.</summary>
public sealed record DetectorOverrides(
    double? SpikeZ = null,
    double? SurgeThreshold = null,
    double? DropRelative = null,
    long? MinAbsoluteChange = null,
    double? MinRelativeChange = null,
    TimeSpan? StallAfter = null);
