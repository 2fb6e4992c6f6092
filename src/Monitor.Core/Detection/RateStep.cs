using Monitor.Core.Accounts;

namespace Monitor.Core.Detection;

/// <summary>
/// One rate interval of a series: from the observation the rate starts at to the current one, with the rate known within
/// the counts' rounding.
/// </summary>
internal readonly record struct RateStep(long FromTicks, long FromFollowers, long Ticks, long Followers, RateInterval Rate, DateTimeOffset At)
{
    /// <summary>The interval's length in days.</summary>
    public double Days => (Ticks - FromTicks) / (double)TimeSpan.TicksPerDay;

    /// <summary>Builds the step from two observations and the counts' resolution.</summary>
    public static RateStep Between(long fromTicks, long fromFollowers, long ticks, long followers, CountResolution resolution)
    {
        var days = (ticks - fromTicks) / (double)TimeSpan.TicksPerDay;
        var rate = (followers - (double)fromFollowers) / days;
        var rounding = new RateInterval(rate, (resolution.HalfStep(fromFollowers) + resolution.HalfStep(followers)) / days);
        return new RateStep(fromTicks, fromFollowers, ticks, followers, rounding, new DateTimeOffset(ticks, TimeSpan.Zero));
    }
}
