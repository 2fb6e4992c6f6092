using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// The trailing baseline of interval rates that spikes, drops and the anomaly score judge against: the median and MAD of
/// the last <see cref="DetectorSettings.BaselineWindow"/> rates, which enter clamped to median ± <see cref="DetectorSettings.BaselineClampZ"/>
/// scales so an episode moves it only slowly.
/// </summary>
internal sealed class RateBaseline(DetectorSettings settings)
{
    private readonly RollingRobustWindow _rates = new(settings.BaselineWindow);
    private LongRunAverage _scaleAverage;

    /// <summary>How many rates the baseline holds.</summary>
    public int Count => _rates.Count;

    /// <summary>The median rate (followers per day); the baseline must not be empty.</summary>
    public double Median() => _rates.Median();

    /// <summary>Judges a step's rate: the rate in its rounding interval closest to the median, in robust scales.</summary>
    /// <param name="step">The rate interval.</param>
    /// <param name="learnScale">False to leave the long-run scale as it is (judging a late point again, not a new one).</param>
    public RateJudgement Judge(RateStep step, bool learnScale = true)
    {
        if (_rates.Count < settings.MinBaselinePoints)
        {
            return default;
        }

        var dt = step.Days;
        var median = _rates.Median();

        var spread = _rates.RobustStandardDeviation(median);
        var scaleAverage = learnScale ? _scaleAverage.Learn(spread) : _scaleAverage.Value;

        // On a rounded series the spread of day rates is mostly rounding, which a small window can miss: one step a day
        // is the floor (the rate interval itself already discounts the rounding of this interval).
        var roundingFloor = step.Rate.HalfWidth * Math.Min(dt, 1);
        var scale = Math.Max(Math.Max(spread, roundingFloor), Math.Max(1 / dt, settings.LongRunScaleFloor * scaleAverage));
        return new RateJudgement(true, median, scale, (step.Rate.Nearest(median) - median) / scale);
    }

    /// <summary>Learns a rate, clamped against the judgement made of it (unless a relearn emptied the baseline since).</summary>
    public void Learn(double rate, RateJudgement judgement)
    {
        var clamped = judgement.Warm && _rates.Count >= settings.MinBaselinePoints
            ? Math.Clamp(rate, judgement.Median - (settings.BaselineClampZ * judgement.Scale), judgement.Median + (settings.BaselineClampZ * judgement.Scale))
            : rate;
        _rates.Add(clamped);
    }

    /// <summary>True when <paramref name="level"/> lies within <see cref="DetectorSettings.ResolveZ"/> scales of the median (the baseline has adapted to it).</summary>
    public bool Agrees(double level)
    {
        if (_rates.Count < settings.MinBaselinePoints)
        {
            return false;
        }

        var median = _rates.Median();
        var scale = Math.Max(_rates.RobustStandardDeviation(median), settings.LongRunScaleFloor * _scaleAverage.Value);
        return Math.Abs(level - median) <= settings.ResolveZ * scale;
    }

    /// <summary>
    /// Starts afresh from a new regime's day rates, each counted twice: the median and MAD are those of the rates, and the
    /// baseline is warm at once (a week of day rates is fewer than <see cref="DetectorSettings.MinBaselinePoints"/>).
    /// </summary>
    public void Seed(IReadOnlyList<double> rates)
    {
        _rates.Clear();
        foreach (var rate in rates)
        {
            _rates.Add(rate);
            _rates.Add(rate);
        }
    }

    /// <summary>Forgets every rate (the long-run scale stays): the rate after a long episode is the new normal.</summary>
    public void Clear() => _rates.Clear();

    public void Write(ByteWriter writer)
    {
        _rates.Write(writer);
        _scaleAverage.Write(writer);
    }

    public void Read(ref ByteReader reader)
    {
        _rates.Read(ref reader);
        _scaleAverage = LongRunAverage.Read(ref reader);
    }
}
