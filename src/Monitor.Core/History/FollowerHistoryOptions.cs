namespace Monitor.Core.History;

/// <summary>How long each tier of a <see cref="FollowerHistory"/> keeps its points, and how late a point may arrive.</summary>
public sealed class FollowerHistoryOptions
{
    /// <summary>The defaults, shared.</summary>
    public static FollowerHistoryOptions Default { get; } = new();

    /// <summary>Raw points are kept at least this long after the latest point (whole UTC days move to the hourly tier).</summary>
    public TimeSpan RawRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Hourly roll-ups are kept at least this long after the latest point (whole days then become daily roll-ups, kept for ever).</summary>
    public TimeSpan HourlyRetention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>How far before the latest point a late point is still accepted; must not exceed <see cref="RawRetention"/>.</summary>
    public TimeSpan OutOfOrderWindow { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first setting that is out of range.</summary>
    public FollowerHistoryOptions Validate()
    {
        if (RawRetention < TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RawRetention), RawRetention, "RawRetention must be at least one hour.");
        }

        if (HourlyRetention < RawRetention)
        {
            throw new ArgumentOutOfRangeException(nameof(HourlyRetention), HourlyRetention, $"HourlyRetention must be at least RawRetention ({RawRetention}).");
        }

        if (OutOfOrderWindow < TimeSpan.Zero || OutOfOrderWindow > RawRetention)
        {
            throw new ArgumentOutOfRangeException(nameof(OutOfOrderWindow), OutOfOrderWindow, $"OutOfOrderWindow must be between zero and RawRetention ({RawRetention}).");
        }

        return this;
    }
}
