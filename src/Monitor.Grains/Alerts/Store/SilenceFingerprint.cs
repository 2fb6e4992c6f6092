using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Alerts.Store;

/// <summary>
/// A cheap summary of the silences kept (how many, and the sum of their ends in milliseconds): adding one changes the
/// count, expiring one moves its end back. A hub shard compares it at commit to see another activation changed them.
/// </summary>
public readonly record struct SilenceFingerprint(long Count, long EndsMilliseconds)
{
    public static SilenceFingerprint Of(IEnumerable<Silence> silences)
    {
        ArgumentNullException.ThrowIfNull(silences);
        long count = 0, ends = 0;
        foreach (var silence in silences)
        {
            count++;
            ends += silence.ExpiresAt.UtcTicks / TimeSpan.TicksPerMillisecond;
        }

        return new SilenceFingerprint(count, ends);
    }
}
