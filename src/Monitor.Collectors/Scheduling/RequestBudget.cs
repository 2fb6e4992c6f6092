namespace Monitor.Collectors.Scheduling;

/// <summary>
/// The per-credential request budget: at most <see cref="PollerSettings.RequestsPerWindow"/> requests in any window of
/// <see cref="PollerSettings.BudgetWindow"/> (sliding), and none while the platform's own remaining count is 0.
/// </summary>
internal sealed class RequestBudget(PlatformScheduleState state, PollerSettings settings, TimeProvider time) : IRequestGate
{
    /// <summary>Requests taken through this gate.</summary>
    public int Taken { get; private set; }

    /// <summary>Requests that may still be sent now.</summary>
    public int Remaining
    {
        get
        {
            Expire(time.GetUtcNow());
            return Math.Max(0, settings.RequestsPerWindow - state.RequestTimes.Count);
        }
    }

    /// <inheritdoc />
    public bool TryTake()
    {
        var now = time.GetUtcNow();
        if (state.RateLimitedUntil is { } until && now < until)
        {
            return false;
        }

        Expire(now);
        if (state.RequestTimes.Count >= settings.RequestsPerWindow)
        {
            return false;
        }

        state.RequestTimes.Add(now);
        Taken++;
        return true;
    }

    private void Expire(DateTimeOffset now)
    {
        var cutoff = now - settings.BudgetWindow;
        var expired = 0;
        while (expired < state.RequestTimes.Count && state.RequestTimes[expired] <= cutoff)
        {
            expired++;
        }

        state.RequestTimes.RemoveRange(0, expired);
    }
}
