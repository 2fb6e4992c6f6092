namespace Monitor.Core.Growth;

/// <summary>
/// Growth of followers over one window ending at the latest observation, measured from the reference observation closest
/// to (at or before) the window's start; every figure is null when no such observation exists. <see cref="RelativeGrowth"/>
/// is a fraction of the reference count (0.018 = 1.8%), as every relative figure of the API is.
/// </summary>
public sealed record WindowGrowth(
    TimeSpan Window,
    DateTimeOffset? Since,
    long? NetChange,
    double? RatePerDay,
    double? RelativeGrowth)
{
    internal static WindowGrowth Missing(TimeSpan window) => new(window, null, null, null, null);
}
