using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// The anomaly score NAB evaluates (<see cref="AccountDetector.LastAnomalyScore"/>): two-sided and unguarded statistical
/// evidence, not a page. It is the largest of three robust |z| (the rate against the trailing baseline; the change against
/// the rate one <see cref="DetectorSettings.SeasonalLag"/> earlier; and the level of the last
/// <see cref="DetectorSettings.ScoreShiftSpan"/> rates, an exponentially weighted mean, against the same baseline), each in
/// standard deviations above its usual level for this account (the "anomaly likelihood" idea), squashed by
/// <see cref="DetectorSettings.ScoreMidpoint"/>; and it is 0 unless the point is more anomalous than every point in the
/// preceding <see cref="DetectorSettings.NoveltyHorizon"/>, so an anomaly scores once, at its onset. A step after a
/// silence (longer than <see cref="DetectorSettings.StallFactor"/> typical intervals) is judged by the seasonal term alone.
/// On a series with a daily rhythm the rate against its hour's own history (<see cref="TimeOfDayProfile"/>) joins the
/// terms, or takes the seasonal term's place (<see cref="DetectorSettings.ScoreTimeOfDay"/>).
/// </summary>
internal sealed class AnomalyScore(DetectorSettings settings)
{
    private const int RecentRatesCap = 1024;
    private const int NoveltyCap = 1024;

    private readonly long _lagTicks = settings.SeasonalLag.Ticks;
    private readonly long _noveltyTicks = settings.NoveltyHorizon.Ticks;
    private readonly TimedDeque _recentRates = new(RecentRatesCap);
    private readonly TimedDeque _novelty = new(NoveltyCap);
    private WinsorizedTracker _seasonal;
    private LongRunAverage _seasonalScaleAverage;
    private ScoreNormalizer _baselineLevel;
    private ScoreNormalizer _seasonalLevel;
    private ScoreNormalizer _shiftLevel;
    private double _shiftMean;
    private long _shiftCount;
    private readonly TimeOfDayProfile _timeOfDay = new();
    private ScoreNormalizer _timeOfDayLevel;
    private readonly TailCalibrator? _tail = settings.ScoreCalibration == ScoreCalibration.None ? null : new TailCalibrator(settings.ScoreTailThreshold);

    // Where the last seasonal look-up landed in _recentRates: the next one is a step or two further on.
    private int _seasonalHint;

    /// <summary>The score in [0, 1) of the last point scored.</summary>
    public double Last { get; set; }

    /// <summary>Scores a step whose rate was judged against the trailing baseline; <paramref name="afterSilence"/> when nothing
    /// was observed for longer than <see cref="DetectorSettings.StallFactor"/> typical intervals before it; the typical interval
    /// (days) turns a calibrated tail probability into one per day.</summary>
    public void Score(RateStep step, RateJudgement judgement, bool afterSilence, double typicalIntervalDays)
    {
        var seasonalZ = SeasonalZ(step, out var hasSeasonal);

        // After a silence the trailing baseline and the recent level describe the series before it: a gauge's level may have
        // moved with its daily rhythm while nobody looked. What the same time yesterday says still holds.
        var level = 0.0;
        if (judgement.Warm && !afterSilence)
        {
            level = _baselineLevel.StandardizeThenLearn(Math.Abs(judgement.Z), settings.ScoreHorizon);
        }

        var hasTimeOfDay = false;
        var timeOfDayZ = settings.ScoreTimeOfDay == ScoreTimeOfDay.Off ? 0 : _timeOfDay.ZThenLearn(step.Ticks, step.Rate.Rate, step.Days, typicalIntervalDays, settings, out hasTimeOfDay);
        if (hasTimeOfDay)
        {
            level = Math.Max(level, _timeOfDayLevel.StandardizeThenLearn(Math.Abs(timeOfDayZ), settings.ScoreHorizon));
        }

        if (hasSeasonal)
        {
            var seasonalLevel = _seasonalLevel.StandardizeThenLearn(Math.Abs(seasonalZ), settings.ScoreHorizon);
            if (!(hasTimeOfDay && settings.ScoreTimeOfDay == ScoreTimeOfDay.InsteadOfLag))
            {
                level = Math.Max(level, seasonalLevel);
            }
        }

        var shift = ShiftLevel(step.Rate.Rate, judgement);
        level = afterSilence ? level : Math.Max(level, shift);
        if (_tail is not null)
        {
            level = Surprise(_tail.TailProbabilityThenLearn(level, settings.ScoreHorizon), typicalIntervalDays);
        }

        // Novelty: only a point more anomalous than everything in the preceding horizon scores (a monotone deque holds the maxima).
        var ticks = step.Ticks;
        while (_novelty.Count > 0 && _novelty.FrontTime < ticks - _noveltyTicks)
        {
            _novelty.PopFront();
        }

        var previousMax = _novelty.Count > 0 ? Math.Max(0, _novelty.FrontValue) : 0;
        var novel = level > previousMax ? level : 0;
        while (_novelty.Count > 0 && _novelty.BackValue <= level)
        {
            _novelty.PopBack();
        }

        _novelty.PushBack(ticks, level);
        Last = novel / (novel + settings.ScoreMidpoint);
    }

    /// <summary>Writes what state version 5 added: the level-shift mean and its normaliser.</summary>
    public void WriteShift(ByteWriter writer)
    {
        writer.WriteDouble(_shiftMean);
        writer.WriteVarInt(_shiftCount);
        _shiftLevel.Write(writer);
    }

    public void ReadShift(ref ByteReader reader)
    {
        _shiftMean = reader.ReadDouble();
        _shiftCount = reader.ReadVarInt();
        _shiftLevel = ScoreNormalizer.Read(ref reader);
    }

    /// <summary>Writes what state version 6 added: the time-of-day profile and its normaliser.</summary>
    public void WriteTimeOfDay(ByteWriter writer)
    {
        _timeOfDay.Write(writer);
        _timeOfDayLevel.Write(writer);
    }

    public void ReadTimeOfDay(ref ByteReader reader)
    {
        _timeOfDay.Read(ref reader);
        _timeOfDayLevel = ScoreNormalizer.Read(ref reader);
    }

    public void Write(ByteWriter writer)
    {
        _recentRates.Write(writer);
        _seasonal.Write(writer);
        _seasonalScaleAverage.Write(writer);
        _baselineLevel.Write(writer);
        _seasonalLevel.Write(writer);
        _novelty.Write(writer);
    }

    public void Read(ref ByteReader reader)
    {
        _recentRates.Read(ref reader);
        _seasonal = WinsorizedTracker.Read(ref reader);
        _seasonalScaleAverage = LongRunAverage.Read(ref reader);
        _baselineLevel = ScoreNormalizer.Read(ref reader);
        _seasonalLevel = ScoreNormalizer.Read(ref reader);
        _novelty.Read(ref reader);
    }

    // -log10 of the tail probability (per point, or per day at the typical interval); 0 at or below the tail's threshold.
    private double Surprise(double probability, double typicalIntervalDays)
    {
        if (probability >= 1)
        {
            return 0;
        }

        var perDay = settings.ScoreCalibration == ScoreCalibration.TailPerDay && typicalIntervalDays > 0
            ? probability / typicalIntervalDays
            : probability;
        return Math.Max(0, -Math.Log10(perDay));
    }

    // A level shift: no single rate may stand out, but their recent mean does (until the baseline's median has moved to it).
    private double ShiftLevel(double rate, RateJudgement judgement)
    {
        var span = settings.ScoreShiftSpan;
        if (span == 0)
        {
            return 0;
        }

        _shiftCount++;
        _shiftMean = _shiftCount == 1 ? rate : _shiftMean + (2.0 / (span + 1) * (rate - _shiftMean));
        return judgement.Warm && _shiftCount >= span
            ? _shiftLevel.StandardizeThenLearn(Math.Abs(_shiftMean - judgement.Median) / judgement.Scale, settings.ScoreHorizon)
            : 0;
    }

    // The change against the rate one seasonal lag earlier, in robust scales of such changes.
    private double SeasonalZ(RateStep step, out bool available)
    {
        available = false;
        var z = 0.0;
        var ticks = step.Ticks;
        var dt = step.Days;
        var rate = step.Rate.Rate;
        var target = ticks - _lagTicks;
        var tolerance = Math.Max((ticks - step.FromTicks) / 2, TimeSpan.TicksPerSecond);
        var index = _recentRates.FirstAtOrAfter(target, _seasonalHint);
        _seasonalHint = index;
        var best = -1;
        var bestDistance = long.MaxValue;
        for (var candidate = index - 1; candidate <= index; candidate++)
        {
            if (candidate >= 0 && candidate < _recentRates.Count)
            {
                var distance = Math.Abs(_recentRates.TimeAt(candidate) - target);
                if (distance <= tolerance && distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }

        if (best >= 0)
        {
            var difference = rate - _recentRates.ValueAt(best);
            var warm = _seasonal.Count >= settings.MinBaselinePoints;
            var scale = 0.0;
            if (warm)
            {
                var spread = _seasonal.Scale;
                var scaleAverage = _seasonalScaleAverage.Learn(spread);
                scale = Math.Max(spread, Math.Max(1 / dt, settings.LongRunScaleFloor * scaleAverage));
                z = (difference - _seasonal.Location) / scale;
                available = true;
            }

            _seasonal.Learn(difference, settings.SeasonalHorizon, warm, settings.BaselineClampZ, scale);
        }

        _recentRates.PushBack(ticks, rate);
        while (_recentRates.FrontTime < ticks - (2 * _lagTicks))
        {
            _recentRates.PopFront();
            _seasonalHint--;
        }

        return z;
    }
}
