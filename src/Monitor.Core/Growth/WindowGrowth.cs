namespace Monitor.Core.Growth;

/// <summary>
/// Growth of followers over one window ending at the latest observation, measured from the reference observation closest
/// to (at or before) the window's start; every figure is null when no such observation exists.
/// </summary>
public sealed record WindowGrowth(
    TimeSpan Window,
    DateTimeOffset? Since,
    long? NetChange,
    double? RatePerDay,
    double? PercentGrowth)
{
    internal static WindowGrowth Missing(TimeSpan window) => new(window, null, null, null, null);
}
