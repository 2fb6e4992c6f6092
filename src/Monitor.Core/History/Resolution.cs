namespace Monitor.Core.History;

/// <summary>The resolution a history query is answered at.</summary>
public enum Resolution
{
    /// <summary>The stored points themselves (kept for <see cref="FollowerHistoryOptions.RawRetention"/>).</summary>
    Raw,

    /// <summary>One roll-up per UTC hour (kept for <see cref="FollowerHistoryOptions.HourlyRetention"/>).</summary>
    Hour,

    /// <summary>One roll-up per UTC day (kept for ever).</summary>
    Day,
}
