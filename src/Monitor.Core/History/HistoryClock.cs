using Monitor.Core.Accounts;

namespace Monitor.Core.History;

/// <summary>The history's time axis: whole seconds since <see cref="Observation.Earliest"/> (2006-01-01T00:00:00Z).</summary>
internal static class HistoryClock
{
    public const long SecondsPerHour = 3600;
    public const long SecondsPerDay = 86400;

    private static readonly long EpochTicks = Observation.Earliest.UtcTicks;

    public static long ToSeconds(DateTimeOffset timestamp) => (timestamp.UtcTicks - EpochTicks) / TimeSpan.TicksPerSecond;

    public static DateTimeOffset ToTimestamp(long seconds) => new(EpochTicks + (seconds * TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>Floor division, so times before the epoch (only reachable through <c>now - retention</c>) round down.</summary>
    public static long FloorDiv(long value, long divisor) => value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}
