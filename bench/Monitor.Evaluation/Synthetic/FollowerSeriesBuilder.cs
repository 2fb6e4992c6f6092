using Monitor.Evaluation.Detection;

namespace Monitor.Evaluation.Synthetic;

/// <summary>
/// Builds one synthetic account: organic growth (a daily rate with trend, weekly and daily rhythm, and noise) plus the
/// events added to it, each labelled. The same builder and seed give the same series.
/// </summary>
internal sealed class FollowerSeriesBuilder
{
    private static readonly TimeSpan _burstLength = TimeSpan.FromHours(3);
    private static readonly TimeSpan _surgeRise = TimeSpan.FromDays(3);

    private readonly string _name;
    private readonly string _scenario;
    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _to;
    private readonly Sampling _sampling;
    private readonly List<(DateTimeOffset Start, DateTimeOffset End, double PeakPerDay)> _surges = [];
    private readonly List<(DateTimeOffset BurstStart, double Followers)> _spikes = [];
    private readonly List<(DateTimeOffset BurstStart, double Fraction)> _drops = [];
    private readonly List<(DateTimeOffset Start, TimeSpan Length)> _stalls = [];
    private readonly List<(DateTimeOffset At, double Factor)> _rateChanges = [];
    private readonly List<LabelledEvent> _events = [];
    private long _startFollowers = 100_000;
    private double _ratePerDay = 100;
    private double _trend = 1;
    private double _weekendFactor = 1;
    private double _noise;
    private int _significantFigures;

    /// <summary>Starts a series observed from <paramref name="from"/> to <paramref name="to"/> (UTC midnights).</summary>
    public FollowerSeriesBuilder(string name, string scenario, DateTimeOffset from, DateTimeOffset to, Sampling sampling)
    {
        if (to <= from.AddDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The series must run more than a day after {from:O}.");
        }

        _name = name;
        _scenario = scenario;
        _from = from;
        _to = to;
        _sampling = sampling;
    }

    /// <summary>The follower count at the first observation.</summary>
    public FollowerSeriesBuilder StartingAt(long followers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(followers);
        _startFollowers = followers;
        return this;
    }

    /// <summary>The organic gain per day at the start, and the factor it has reached by the end (a slow trend).</summary>
    public FollowerSeriesBuilder GrowingPerDay(double followersPerDay, double factorByEnd = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(followersPerDay);
        ArgumentOutOfRangeException.ThrowIfNegative(factorByEnd);
        _ratePerDay = followersPerDay;
        _trend = factorByEnd;
        return this;
    }

    /// <summary>Weekend days gain this factor of a weekday's followers.</summary>
    public FollowerSeriesBuilder WithWeeklyRhythm(double weekendFactor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weekendFactor);
        _weekendFactor = weekendFactor;
        return this;
    }

    /// <summary>Noise on each interval's gain: this fraction of the expected gain, on top of counting noise (its square root).</summary>
    public FollowerSeriesBuilder WithNoise(double relative)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(relative);
        _noise = relative;
        return this;
    }

    /// <summary>Reports counts rounded down to this many significant figures, as YouTube's API does (3) or "1.2M" pages show (2).</summary>
    public FollowerSeriesBuilder RoundedDownTo(int significantFigures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(significantFigures, 1);
        _significantFigures = significantFigures;
        return this;
    }

    /// <summary>A sustained extra gain: rising over three days to <paramref name="peakPerDay"/>, then easing to 15% of it by <paramref name="end"/>.</summary>
    public FollowerSeriesBuilder WithSurge(DateTimeOffset start, DateTimeOffset end, double peakPerDay)
    {
        if (end <= start + _surgeRise)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "A surge must last longer than its three-day rise.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(peakPerDay);
        _surges.Add((start, end, peakPerDay));
        _events.Add(new LabelledEvent(EventKind.Surge, start, end, start));
        return this;
    }

    /// <summary>A single-day spike: <paramref name="followers"/> extra gained in a three-hour burst starting at <paramref name="burstStart"/>; the label is that UTC day.</summary>
    public FollowerSeriesBuilder WithSpike(DateTimeOffset burstStart, double followers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(followers);
        _spikes.Add((burstStart, followers));
        _events.Add(new LabelledEvent(EventKind.Spike, DayOf(burstStart), DayOf(burstStart).AddDays(1), burstStart));
        return this;
    }

    /// <summary>A purge: <paramref name="fraction"/> of the followers lost in a three-hour burst; the label is that UTC day.</summary>
    public FollowerSeriesBuilder WithDrop(DateTimeOffset burstStart, double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A drop removes a fraction of the followers strictly between 0 and 1.");
        }

        _drops.Add((burstStart, fraction));
        _events.Add(new LabelledEvent(EventKind.Drop, DayOf(burstStart), DayOf(burstStart).AddDays(1), burstStart));
        return this;
    }

    /// <summary>
    /// A lasting change of growth regime: from <paramref name="at"/> on the organic rate is <paramref name="factor"/> times
    /// what it was. Labelled as a surge from <paramref name="at"/> for <paramref name="labelled"/>: the change should be
    /// reported once, and the new rate learnt within that time.
    /// </summary>
    public FollowerSeriesBuilder WithRateChange(DateTimeOffset at, double factor, TimeSpan labelled)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(factor, 1);
        _rateChanges.Add((at, factor));
        _events.Add(new LabelledEvent(EventKind.Surge, at, at + labelled, at));
        return this;
    }

    /// <summary>A collection stall: no observation from <paramref name="start"/> for <paramref name="length"/>; the label is that gap.</summary>
    public FollowerSeriesBuilder WithStall(DateTimeOffset start, TimeSpan length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, TimeSpan.Zero);
        _stalls.Add((start, length));
        _events.Add(new LabelledEvent(EventKind.Stall, start, start + length, start));
        return this;
    }

    /// <summary>Generates the observations, drawing the noise from <paramref name="random"/>.</summary>
    public FollowerSeries Build(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var step = _sampling == Sampling.Hourly ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var points = new List<FollowerPoint> { new(_from, Report(_startFollowers)) };
        double level = _startFollowers;
        for (var end = _from + step; end <= _to; end += step)
        {
            var start = end - step;
            var middle = start + (step / 2);
            var mean = (OrganicRate(middle) + SurgeRate(middle)) * step.TotalDays;
            var deviation = Math.Sqrt(Math.Max(mean, 0)) + (_noise * Math.Abs(mean));
            level += mean + (deviation * Gaussian(random));
            foreach (var (burstStart, followers) in _spikes)
            {
                level += followers * BurstShare(burstStart, start, end);
            }

            foreach (var (burstStart, fraction) in _drops)
            {
                level -= level * fraction * BurstShare(burstStart, start, end);
            }

            level = Math.Max(level, 0);

            // The jitter is drawn for every step, observed or not, so that a stall does not shift the noise after it.
            var jitter = _sampling == Sampling.Hourly ? TimeSpan.FromMinutes((random.NextDouble() * 6) - 3) : TimeSpan.Zero;
            if (!InStall(end))
            {
                points.Add(new FollowerPoint(end + jitter, Report((long)Math.Round(level))));
            }
        }

        return new FollowerSeries(_name, _scenario, _sampling, points, _events.ToList(), _to);
    }

    private long Report(long followers)
    {
        if (_significantFigures == 0)
        {
            return followers;
        }

        var limit = (long)Math.Pow(10, _significantFigures);
        var step = 1L;
        for (var rest = followers; rest >= limit; rest /= 10)
        {
            step *= 10;
        }

        return followers / step * step;
    }

    private static DateTimeOffset DayOf(DateTimeOffset time) => new(time.UtcDateTime.Date, TimeSpan.Zero);

    private static double BurstShare(DateTimeOffset burstStart, DateTimeOffset from, DateTimeOffset to)
    {
        var burstEnd = burstStart + _burstLength;
        var overlapStart = burstStart > from ? burstStart : from;
        var overlapEnd = burstEnd < to ? burstEnd : to;
        return overlapEnd > overlapStart ? (overlapEnd - overlapStart) / _burstLength : 0;
    }

    // Box-Muller: a standard normal draw from two uniform draws.
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    private double OrganicRate(DateTimeOffset time)
    {
        var progress = (time - _from) / (_to - _from);
        var rate = _ratePerDay * (1 + ((_trend - 1) * progress));
        foreach (var (at, factor) in _rateChanges)
        {
            rate *= time >= at ? factor : 1;
        }

        if (time.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            rate *= _weekendFactor;
        }

        if (_sampling == Sampling.Hourly)
        {
            // Followers arrive mostly in the day: half as many at 06:00 UTC, half again as many at 18:00, averaging one.
            rate *= 1 + (0.5 * Math.Sin(2 * Math.PI * (time.UtcDateTime.TimeOfDay.TotalHours - 12) / 24));
        }

        return rate;
    }

    private double SurgeRate(DateTimeOffset time)
    {
        var rate = 0.0;
        foreach (var (start, end, peak) in _surges)
        {
            if (time < start || time > end)
            {
                continue;
            }

            var sinceStart = time - start;
            rate += sinceStart < _surgeRise
                ? peak * (sinceStart / _surgeRise)
                : peak * (1 - (0.85 * ((sinceStart - _surgeRise) / (end - start - _surgeRise))));
        }

        return rate;
    }

    private bool InStall(DateTimeOffset time)
    {
        foreach (var (start, length) in _stalls)
        {
            if (time >= start && time < start + length)
            {
                return true;
            }
        }

        return false;
    }
}
