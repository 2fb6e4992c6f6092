namespace Monitor.Core.Entities;

/// <summary>
/// How a cross-platform reading is taken. An account <em>moved</em> when, inside the window, its followers grew at least
/// <see cref="MinRateMultiple"/> times its baseline rate and the growth beyond the baseline is at least
/// <see cref="MinExcessShare"/> of its followers at the window's start and at least <see cref="MinExcessFollowers"/>.
/// </summary>
public sealed record CorroborationSettings
{
    /// <summary>The defaults (28-day baseline, a day of slack, 3x the baseline, 0.2% and 20 followers beyond it).</summary>
    public static CorroborationSettings Default { get; } = new();

    /// <summary>How far before the window the baseline rate is measured.</summary>
    public TimeSpan BaselinePeriod { get; init; } = TimeSpan.FromDays(28);

    /// <summary>How far the window is widened on both sides: platforms are polled at different times and react a day apart.</summary>
    public TimeSpan Slack { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The shortest window read (a one-hour spike is read over a day).</summary>
    public TimeSpan MinWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How many times its baseline rate an account must grow at to count as moved.</summary>
    public double MinRateMultiple { get; init; } = 3;

    /// <summary>Growth beyond the baseline, as a share of the followers at the start, below which an account is flat.</summary>
    public double MinExcessShare { get; init; } = 0.002;

    /// <summary>Growth beyond the baseline, in followers, below which an account is flat (small accounts' noise).</summary>
    public long MinExcessFollowers { get; init; } = 20;
}
