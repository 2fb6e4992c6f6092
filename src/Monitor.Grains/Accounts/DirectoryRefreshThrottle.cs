namespace Monitor.Grains.Accounts;

/// <summary>
/// When an account refreshes its directory row. A summary scans the history tiers, so a busy account refreshes at most once
/// per interval, with one trailing refresh (a grain timer) so the last batch always lands. A field of the grain, not an
/// object of its own: an idle activation pays nothing for it.
/// </summary>
internal struct DirectoryRefreshThrottle
{
    private DateTimeOffset _lastRefresh; // MinValue (default) until the first refresh
    private IGrainTimer? _trailing;

    /// <summary>True while a trailing refresh is scheduled.</summary>
    public readonly bool HasTrailingRefresh => _trailing is not null;

    /// <summary>
    /// True when the row is due at <paramref name="now"/> (the caller refreshes it now); otherwise schedules the trailing
    /// refresh through <paramref name="scheduleTrailing"/> (given the delay) unless one is scheduled already.
    /// </summary>
    public bool TakeDue(DateTimeOffset now, TimeSpan interval, Func<TimeSpan, IGrainTimer> scheduleTrailing)
    {
        var due = _lastRefresh + interval;
        if (now >= due)
        {
            return true;
        }

        _trailing ??= scheduleTrailing(due - now);
        return false;
    }

    public void Refreshed(DateTimeOffset now) => _lastRefresh = now;

    /// <summary>The trailing refresh fired (or is no longer wanted): cancels its timer; the caller refreshes the row if it still should.</summary>
    public void EndTrailing()
    {
        _trailing?.Dispose();
        _trailing = null;
    }
}
