using Monitor.Core.Alerts;
using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// The early surge check on exact data sampled at least every two hours: the trimmed rate over the last day
/// (<see cref="TrailingDayRate"/>) against the same rate sampled once a day on earlier days. Opens a surge (or escalates an
/// open spike) at <see cref="DetectorSettings.EarlySurgeZ"/>, long before the day-rate CUSUM has three days of evidence.
/// </summary>
internal sealed class EarlySurgeCheck(DetectorSettings settings, EpisodeRecorder episodes)
{
    private readonly TrailingDayRate _trailingDay = new();
    private readonly RollingRobustWindow _trailingDayRates = new(settings.SurgeBaselineWindow);

    // The baseline of trailing day rates changes once a day: its median and scale are kept, not recomputed per observation.
    private double _trailingDayMedian;
    private double _trailingDayScale;

    public void Add(long ticks, long followers) => _trailingDay.Add(ticks, followers);

    /// <summary>
    /// At a day checkpoint, the trimmed rate over the last day joins its baseline (clamped, as day rates are);
    /// <paramref name="dayScaleAverage"/> is the long-run day-rate scale, whose fraction floors this baseline's scale.
    /// </summary>
    public void LearnDay(double dayScaleAverage)
    {
        if (_trailingDay.TryRate(out var rate, out _, out _))
        {
            if (_trailingDayRates.Count >= settings.MinSurgeBaselinePoints)
            {
                var median = _trailingDayRates.Median();
                var scale = Scale(median, dayScaleAverage);
                rate = Math.Clamp(rate, median - (settings.BaselineClampZ * scale), median + (settings.BaselineClampZ * scale));
            }

            _trailingDayRates.Add(rate);
        }

        UpdateBaseline(dayScaleAverage);
    }

    /// <summary>A regime change: the baseline starts afresh from the new regime's day rates (each counted twice, so warm at once).</summary>
    public void Reseed(IReadOnlyList<double> rates, double dayScaleAverage)
    {
        foreach (var rate in rates)
        {
            _trailingDayRates.Add(rate);
            _trailingDayRates.Add(rate);
        }

        UpdateBaseline(dayScaleAverage);
    }

    public void Clear() => _trailingDayRates.Clear();

    public void Write(ByteWriter writer)
    {
        _trailingDay.Write(writer);
        _trailingDayRates.Write(writer);
    }

    public void Read(ref ByteReader reader, double dayScaleAverage)
    {
        _trailingDay.Read(ref reader);
        _trailingDayRates.Read(ref reader);
        UpdateBaseline(dayScaleAverage);
    }

    public void Evaluate(long ticks, long followers, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var s = settings;
        if (s.EarlySurgeZ <= 0 || episodes.Rise is { Episode.Kind: not AlertKind.Spike } || _trailingDayRates.Count < s.MinSurgeBaselinePoints
            || !_trailingDay.TryUpperBound(out var upperBound))
        {
            return;
        }

        // The untrimmed rate bounds the trimmed one, so the usual quiet day costs no sorting.
        var median = _trailingDayMedian;
        var scale = _trailingDayScale;
        if ((upperBound - median) / scale < s.EarlySurgeZ || !_trailingDay.TryRate(out var rate, out var baseTicks, out var baseFollowers)
            || (rate - median) / scale < s.EarlySurgeZ)
        {
            return;
        }

        // The guard asks whether the rise matters now: the day's rate lags a rise that began hours ago by half a day.
        if (!s.PassesGuards(rate - median, followers) && !(_trailingDay.TryHalfDayRate(out var halfDayRate) && s.PassesGuards(halfDayRate - median, followers)))
        {
            return;
        }

        if (episodes.Rise is { } spike)
        {
            EpisodeRecorder.Rebase(spike, median, scale, ticks, followers, rate);
            episodes.EscalateToSurge(spike, at, ref changes);
            return;
        }

        episodes.Rise = episodes.Open(AlertKind.Surge, baseTicks, baseFollowers, median, scale, ticks, followers, rate, at, ref changes);
    }

    private void UpdateBaseline(double dayScaleAverage)
    {
        _trailingDayMedian = _trailingDayRates.Median();
        _trailingDayScale = Scale(_trailingDayMedian, dayScaleAverage);
    }

    private double Scale(double median, double dayScaleAverage) =>
        Math.Max(_trailingDayRates.RobustStandardDeviation(median), Math.Max(1, settings.LongRunScaleFloor * dayScaleAverage));
}
