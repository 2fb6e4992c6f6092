namespace Monitor.Core.Tests.Builders;

/// <summary>
/// Builds synthetic follower series: organic growth with weekly and daily rhythm and Poisson-like noise, plus events
/// (surges, spikes, purges, silences). Deterministic for a given seed.
/// </summary>
internal sealed class FollowerSeriesBuilder
{
    private readonly List<(DateTimeOffset From, DateTimeOffset To, double StartRate, double PeakRate, double EndRate)> _surges = [];
    private readonly List<(DateTimeOffset At, long Extra)> _jumps = [];
    private readonly List<(DateTimeOffset At, double Fraction)> _purges = [];
    private readonly List<(DateTimeOffset From, DateTimeOffset To)> _silences = [];
    private DateTimeOffset _start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _followers = 400_000;
    private TimeSpan _interval = TimeSpan.FromDays(1);
    private double _ratePerDay = 300;
    private double _weeklyAmplitude;
    private double _dailyAmplitude;
    private double _overdispersion = 1.5;
    private TimeSpan _jitter = TimeSpan.Zero;
    private int _seed = 42;
    private int _significantFigures;

    public FollowerSeriesBuilder StartingAt(DateTimeOffset start, long followers)
    {
        _start = start;
        _followers = followers;
        return this;
    }

    public FollowerSeriesBuilder SampledEvery(TimeSpan interval, TimeSpan jitter = default)
    {
        _interval = interval;
        _jitter = jitter;
        return this;
    }

    public FollowerSeriesBuilder GrowingPerDay(double rate)
    {
        _ratePerDay = rate;
        return this;
    }

    /// <summary>Weekend days get (1 - amplitude) of the rate, weekdays a little more, averaging to the base rate.</summary>
    public FollowerSeriesBuilder WithWeeklyRhythm(double amplitude)
    {
        _weeklyAmplitude = amplitude;
        return this;
    }

    /// <summary>The rate follows a daily sine of this relative amplitude, peaking mid-afternoon UTC.</summary>
    public FollowerSeriesBuilder WithDailyRhythm(double amplitude)
    {
        _dailyAmplitude = amplitude;
        return this;
    }

    /// <summary>Noise standard deviation as a multiple of the Poisson one (sqrt of the expected gain).</summary>
    public FollowerSeriesBuilder WithOverdispersion(double factor)
    {
        _overdispersion = factor;
        return this;
    }

    /// <summary>Reports every count rounded to this many significant figures, as YouTube does (3) or "1.2M" pages (2).</summary>
    public FollowerSeriesBuilder RoundedTo(int significantFigures)
    {
        _significantFigures = significantFigures;
        return this;
    }

    public FollowerSeriesBuilder WithSeed(int seed)
    {
        _seed = seed;
        return this;
    }

    /// <summary>Between the dates the rate rises linearly from <paramref name="startRate"/> to <paramref name="peakRate"/> at a third of the way, then falls to <paramref name="endRate"/>.</summary>
    public FollowerSeriesBuilder WithSurge(DateTimeOffset from, DateTimeOffset to, double startRate, double peakRate, double endRate)
    {
        _surges.Add((from, to, startRate, peakRate, endRate));
        return this;
    }

    /// <summary>Adds <paramref name="extra"/> followers in the interval containing <paramref name="at"/>.</summary>
    public FollowerSeriesBuilder WithJump(DateTimeOffset at, long extra)
    {
        _jumps.Add((at, extra));
        return this;
    }

    /// <summary>Removes this fraction of the followers in the interval containing <paramref name="at"/>.</summary>
    public FollowerSeriesBuilder WithPurge(DateTimeOffset at, double fraction)
    {
        _purges.Add((at, fraction));
        return this;
    }

    /// <summary>No observations in [from, to) (the account keeps growing; only the collector is silent).</summary>
    public FollowerSeriesBuilder WithSilence(DateTimeOffset from, DateTimeOffset to)
    {
        _silences.Add((from, to));
        return this;
    }

    public IReadOnlyList<(DateTimeOffset Timestamp, long Followers)> Build(DateTimeOffset until)
    {
        var random = new Random(_seed);
        var points = new List<(DateTimeOffset, long)>();
        var followers = (double)_followers;
        var previous = _start;
        points.Add((_start, Report(_followers)));
        for (var slot = _start + _interval; slot <= until; slot += _interval)
        {
            var jitter = _jitter > TimeSpan.Zero ? TimeSpan.FromTicks((long)((random.NextDouble() - 0.5) * _jitter.Ticks)) : TimeSpan.Zero;
            var at = slot + jitter;
            var days = (at - previous).TotalDays;
            var mid = previous + ((at - previous) / 2);
            var expected = RateAt(mid) * days;
            var gain = expected + (Gaussian(random) * Math.Sqrt(Math.Abs(expected)) * _overdispersion);
            foreach (var (jumpAt, extra) in _jumps)
            {
                if (jumpAt > previous && jumpAt <= at)
                {
                    gain += extra;
                }
            }

            followers += gain;
            foreach (var (purgeAt, fraction) in _purges)
            {
                if (purgeAt > previous && purgeAt <= at)
                {
                    followers -= followers * fraction;
                }
            }

            followers = Math.Max(0, followers);
            previous = at;
            if (!_silences.Any(s => at >= s.From && at < s.To))
            {
                points.Add((at, Report((long)Math.Round(followers))));
            }
        }

        return points;
    }

    private long Report(long followers)
    {
        if (_significantFigures == 0 || followers == 0)
        {
            return followers;
        }

        var step = Math.Pow(10, Math.Max(0, Math.Floor(Math.Log10(followers)) + 1 - _significantFigures));
        return (long)(Math.Round(followers / step, MidpointRounding.AwayFromZero) * step);
    }

    private double RateAt(DateTimeOffset at)
    {
        foreach (var (from, to, startRate, peakRate, endRate) in _surges)
        {
            if (at >= from && at < to)
            {
                var progress = (at - from) / (to - from);
                return progress < 1.0 / 3 ? startRate + ((peakRate - startRate) * progress * 3) : peakRate + ((endRate - peakRate) * (progress - (1.0 / 3)) * 1.5);
            }
        }

        var rate = _ratePerDay;
        if (_weeklyAmplitude > 0)
        {
            var weekend = at.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            rate *= weekend ? 1 - _weeklyAmplitude : 1 + (_weeklyAmplitude * 2 / 5);
        }

        if (_dailyAmplitude > 0)
        {
            rate *= 1 + (_dailyAmplitude * Math.Sin(2 * Math.PI * (at.UtcDateTime.TimeOfDay.TotalHours - 9) / 24));
        }

        return rate;
    }

    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
