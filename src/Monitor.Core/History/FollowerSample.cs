using Monitor.Core.Accounts;

namespace Monitor.Core.History;

/// <summary>One reading of an account's counts as the history stores it: same limits as <see cref="Observation"/>.</summary>
public readonly record struct FollowerSample
{
    /// <summary>Creates a sample; throws an <see cref="ArgumentOutOfRangeException"/> naming the field and value when out of range.</summary>
    public FollowerSample(DateTimeOffset timestamp, long followers, long? following = null, long? posts = null)
    {
        Timestamp = timestamp < Observation.Earliest
            ? throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, $"Timestamp is before {Observation.Earliest:yyyy-MM-dd}.")
            : timestamp.ToUniversalTime();
        Followers = Observation.CheckCount(followers, nameof(followers));
        Following = following is { } f ? Observation.CheckCount(f, nameof(following)) : null;
        Posts = posts is { } p ? Observation.CheckCount(p, nameof(posts)) : null;
    }

    /// <summary>When the counts were read, in UTC.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Followers at <see cref="Timestamp"/>.</summary>
    public long Followers { get; }

    /// <summary>Accounts followed, if reported.</summary>
    public long? Following { get; }

    /// <summary>Posts published, if reported.</summary>
    public long? Posts { get; }
}
