namespace Monitor.Core.Retries;

/// <summary>
/// The one exponential backoff of Monitor (collectors after a failed platform request, webhooks after a failed delivery):
/// the first wait doubled for each earlier failure, capped. Callers add their own jitter on top.
/// </summary>
public static class ExponentialBackoff
{
    /// <summary>The wait after failure number <paramref name="failures"/> (1-based): <paramref name="first"/> × 2^(failures - 1), at most <paramref name="max"/>.</summary>
    public static TimeSpan Capped(int failures, TimeSpan first, TimeSpan max)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        return TimeSpan.FromTicks((long)Math.Min(first.Ticks * Math.Pow(2, exponent), max.Ticks));
    }
}
