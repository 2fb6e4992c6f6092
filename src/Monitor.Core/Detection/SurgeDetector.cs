using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// Surges, judged on day rates (the rate between checkpoints at least <see cref="DetectorSettings.SurgeInterval"/> apart,
/// against their own baseline), so hourly noise and daily rhythm cannot accumulate: a one-sided CUSUM of capped z opens a
/// surge once sustained, and it resolves after <see cref="DetectorSettings.QuietPeriod"/> without an elevated day rate. On
/// data sampled at least every two hours the trimmed rate over the last day opens one earlier (<see cref="EarlySurgeCheck"/>); on
/// rounded data the least rate the rounding allows does (over the last one or two days, or the last three intervals when sparser).
/// A spike still open when a surge is confirmed escalates into it; no spike opens while a surge is open.
/// </summary>
internal sealed class SurgeDetector(DetectorSettings settings, EpisodeRecorder episodes)
{
    /// <summary>How many times the day-rate baseline the least rate of a rounded series must be to open a surge early.</summary>
    private const double RoundedEarlySurgeRatio = 2;

    /// <summary>
    /// The longest median sampling interval (in days) the rounded check over the last one or two days runs at: on sparser
    /// data a day's step may be a one-day spike or a surge's first day, so the last three intervals are judged instead.
    /// </summary>
    private const double MaxEarlySurgeInterval = 2.0 / 24;

    /// <summary>
    /// How many intervals in a row a rounded series sampled more sparsely must rise in: a burst of a few hours that
    /// straddles a sample raises two, a surge every one.
    /// </summary>
    private const int RoundedSparseIntervals = RoundedTrailingRate.MinPoints - 1;

    private static readonly TimeSpan[] RoundedWindows = [TimeSpan.FromDays(1), RoundedTrailingRate.Span];

    private readonly long _quietTicks = settings.QuietPeriod.Ticks;
    private readonly long _maxEpisodeTicks = settings.MaxEpisodeDuration.Ticks;
    private readonly long _surgeIntervalTicks = settings.SurgeInterval.Ticks;
    private readonly RollingRobustWindow _dayRates = new(settings.SurgeBaselineWindow);
    private readonly EarlySurgeCheck _early = new(settings, episodes);
    private readonly RoundedTrailingRate _roundedTrailing = new();

    private long _anchorTicks;
    private long _anchorFollowers;
    private LongRunAverage _dayScaleAverage;
    private double _cusum;
    private long _runStartTicks;
    private long _runStartFollowers;
    private double _runExcess;
    private double _runBaselineRate;
    private double _runBaselineScale;

    /// <summary>The first observation of the series: the first checkpoint.</summary>
    public void Start(long ticks, long followers)
    {
        _anchorTicks = ticks;
        _anchorFollowers = followers;
    }

    /// <summary>
    /// Feeds an observation that moved the count; <paramref name="typicalInterval"/> is the median sampling interval in days.
    /// Says whether a day checkpoint passed, and whether a surge outlived <see cref="DetectorSettings.MaxEpisodeDuration"/> there
    /// so that the interval baseline must be relearnt too.
    /// </summary>
    public DayCheckpoint Observe(long ticks, long followers, double typicalInterval, CountResolution resolution, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        // Surges first, so a spike that turns out to be a surge's onset escalates before the interval check could resolve it.
        // One checkpoint per surge interval (half a sampling interval early, so jitter does not skip days).
        var checkpoint = DayCheckpoint.None;
        _early.Add(ticks, followers);
        if (ticks - _anchorTicks >= _surgeIntervalTicks - (long)(typicalInterval * TimeSpan.TicksPerDay / 2))
        {
            var day = RateStep.Between(_anchorTicks, _anchorFollowers, ticks, followers, resolution);
            LastDayRate = day.Rate.Rate;
            checkpoint = EvaluateDayRate(day, ref changes) ? DayCheckpoint.Relearn : DayCheckpoint.Passed;
            _early.LearnDay(_dayScaleAverage.Value);
            _anchorTicks = ticks;
            _anchorFollowers = followers;
        }

        if (!resolution.IsRounded)
        {
            _early.Evaluate(ticks, followers, at, ref changes);
        }
        else
        {
            _roundedTrailing.Add(ticks, followers);
            if (typicalInterval <= MaxEarlySurgeInterval)
            {
                EvaluateRoundedEarlySurge(ticks, followers, resolution, at, ref changes);
            }
            else
            {
                EvaluateRoundedDailySurge(ticks, followers, resolution, at, ref changes);
            }
        }

        return checkpoint;
    }

    /// <summary>The rate (followers per day) of the last day checkpoint.</summary>
    public double LastDayRate { get; private set; }

    /// <summary>A regime change: the day-rate baselines start afresh from the new regime's day rates (each counted twice, so warm at once).</summary>
    public void Reseed(IReadOnlyList<double> rates)
    {
        Relearn();
        foreach (var rate in rates)
        {
            _dayRates.Add(rate);
            _dayRates.Add(rate);
        }

        _early.Reseed(rates, _dayScaleAverage.Value);
    }

    /// <summary>After an episode outlived <see cref="DetectorSettings.MaxEpisodeDuration"/>: the day-rate baselines start afresh.</summary>
    public void Relearn()
    {
        _dayRates.Clear();
        _early.Clear();
        _cusum = 0;
        _runExcess = 0;
    }

    public void Write(ByteWriter writer)
    {
        _dayRates.Write(writer);
        writer.WriteVarInt(_anchorTicks);
        writer.WriteVarInt(_anchorFollowers);
        _dayScaleAverage.Write(writer);
        writer.WriteDouble(_cusum);
        writer.WriteVarInt(_runStartTicks);
        writer.WriteVarInt(_runStartFollowers);
        writer.WriteDouble(_runExcess);
        writer.WriteDouble(_runBaselineRate);
        writer.WriteDouble(_runBaselineScale);
    }

    public void Read(ref ByteReader reader)
    {
        _dayRates.Read(ref reader);
        _anchorTicks = reader.ReadVarInt();
        _anchorFollowers = reader.ReadVarInt();
        _dayScaleAverage = LongRunAverage.Read(ref reader);
        _cusum = reader.ReadDouble();
        _runStartTicks = reader.ReadVarInt();
        _runStartFollowers = reader.ReadVarInt();
        _runExcess = reader.ReadDouble();
        _runBaselineRate = reader.ReadDouble();
        _runBaselineScale = reader.ReadDouble();
    }

    /// <summary>The rounded series' change points (added in state version 4).</summary>
    public void WriteRoundedTrailing(ByteWriter writer) => _roundedTrailing.Write(writer);

    public void ReadRoundedTrailing(ref ByteReader reader) => _roundedTrailing.Read(ref reader);

    /// <summary>The trailing-day part of the state (added in state version 2).</summary>
    public void WriteTrailingDay(ByteWriter writer) => _early.Write(writer);

    public void ReadTrailingDay(ref ByteReader reader) => _early.Read(ref reader, _dayScaleAverage.Value);

    private bool EvaluateDayRate(RateStep day, ref List<EpisodeChange>? changes)
    {
        var s = settings;
        var days = day.Days;
        var rate = day.Rate.Rate;
        var rounding = day.Rate;
        if (_dayRates.Count < s.MinSurgeBaselinePoints)
        {
            _dayRates.Add(rate);
            return false;
        }

        var median = _dayRates.Median();
        var spread = _dayRates.RobustStandardDeviation(median);
        var scaleAverage = _dayScaleAverage.Learn(spread);
        var scale = Math.Max(Math.Max(spread, rounding.HalfWidth), Math.Max(1 / days, s.LongRunScaleFloor * scaleAverage));
        var nearest = rounding.Nearest(median);
        var z = (nearest - median) / scale;

        var increment = Math.Min(z, s.SurgeZCap) - s.SurgeAllowance;
        if (_cusum <= 0 && increment > 0)
        {
            _runStartTicks = _anchorTicks;
            _runStartFollowers = _anchorFollowers;
            _runExcess = 0;
            _runBaselineRate = median;
            _runBaselineScale = scale;
        }

        _cusum = Math.Clamp(_cusum + increment, 0, 2 * s.SurgeThreshold);
        _runExcess = _cusum > 0 ? _runExcess + ((nearest - median) * days) : 0;
        var runDays = Math.Max(1, (day.Ticks - _runStartTicks) / (double)TimeSpan.TicksPerDay);
        var sustained = _cusum >= s.SurgeThreshold && s.PassesGuards(_runExcess / runDays, _anchorFollowers);

        if (episodes.Rise is { Episode.Kind: AlertKind.Spike } spike)
        {
            if (sustained)
            {
                // The spike was the onset of a surge: same episode, judged from now on against the day-rate baseline of the run.
                EpisodeRecorder.Rebase(spike, _runBaselineRate, _runBaselineScale, day.Ticks, day.Followers, rate);
                episodes.EscalateToSurge(spike, day.At, ref changes);
            }
        }
        else if (episodes.Rise is { } surge)
        {
            if (ContinueSurge(surge, day, ref changes))
            {
                return true;
            }
        }
        else if (sustained)
        {
            episodes.Rise = episodes.Open(AlertKind.Surge, _runStartTicks, _runStartFollowers, _runBaselineRate, _runBaselineScale, day.Ticks, day.Followers, rate, day.At, ref changes);
        }

        _dayRates.Add(Math.Clamp(rate, median - (s.BaselineClampZ * scale), median + (s.BaselineClampZ * scale)));
        return false;
    }

    // Judges an open surge's day rate against its onset baseline; true when it outlived the longest episode (relearn).
    private bool ContinueSurge(EpisodeTrack surge, RateStep day, ref List<EpisodeChange>? changes)
    {
        var ticks = day.Ticks;
        var nearestOnset = day.Rate.Nearest(surge.BaselineRate);
        var zAgainstOnset = surge.ZAgainstBaseline(nearestOnset);
        var active = zAgainstOnset >= settings.ResolveZ && settings.PassesGuards(nearestOnset - surge.BaselineRate, _anchorFollowers);
        var newPeak = false;
        if (active)
        {
            surge.LastActiveTicks = ticks;
            surge.LastActiveFollowers = day.Followers;
            surge.PeakZ = Math.Max(surge.PeakZ, zAgainstOnset);
            if (day.Rate.Rate > surge.PeakRate)
            {
                surge.PeakRate = day.Rate.Rate;
                surge.PeakTicks = ticks;
                surge.PeakFollowers = day.Followers;
                newPeak = true;
            }
        }

        if (ticks - surge.StartTicks >= _maxEpisodeTicks)
        {
            ResolveSurge(surge, day.At, ref changes);
            Relearn();
            return true;
        }

        if (!active && ticks - surge.LastActiveTicks >= _quietTicks)
        {
            ResolveSurge(surge, day.At, ref changes);
        }
        else
        {
            episodes.UpdateIfWorse(surge, newPeak, day.At, ref changes);
        }

        return false;
    }

    private void ResolveSurge(EpisodeTrack surge, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        episodes.ResolveRise(surge, at, ref changes);

        // Fresh evidence is needed for the next surge; a resolved spike leaves the day-rate evidence running.
        _cusum = 0;
        _runExcess = 0;
    }

    /// <summary>
    /// On a rounded series sampled at least every two hours, opens a surge (or escalates an open spike) as soon as the least rate the rounding allows over the
    /// last one or two days is <see cref="RoundedEarlySurgeRatio"/> times the day-rate baseline and passes the guards: a
    /// rise no rounding can explain that at least doubles the growth. A rounded count moves a step every few days, so day
    /// rates are too coarse for the trimmed-day check, and the CUSUM took 5-9 days on the suite's rounded war surges.
    /// </summary>
    private void EvaluateRoundedEarlySurge(long ticks, long followers, CountResolution resolution, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        if (!RoundedCheckApplies())
        {
            return;
        }

        foreach (var window in RoundedWindows)
        {
            if (_roundedTrailing.TryLeastRate(window, resolution, out var least, out var baseTicks, out var baseFollowers)
                && TryOpenRoundedSurge(least, baseTicks, baseFollowers, ticks, followers, at, ref changes))
            {
                return;
            }
        }
    }

    /// <summary>
    /// On a rounded series sampled less often, the same test on the least rate of each of the last three intervals (the
    /// smallest): a one-day jump raises one or two of them, a surge all three, so a surge opens within its first days of
    /// rising instead of after the 6-9 days the CUSUM needs, whose day rates carry a whole rounding step of width.
    /// </summary>
    private void EvaluateRoundedDailySurge(long ticks, long followers, CountResolution resolution, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        if (RoundedCheckApplies() && _roundedTrailing.TryLeastOfLast(RoundedSparseIntervals, resolution, out var least, out var baseTicks, out var baseFollowers))
        {
            TryOpenRoundedSurge(least, baseTicks, baseFollowers, ticks, followers, at, ref changes);
        }
    }

    private bool RoundedCheckApplies() =>
        settings.EarlySurgeZ > 0 && episodes.Rise is not { Episode.Kind: not AlertKind.Spike } && _dayRates.Count >= settings.MinSurgeBaselinePoints;

    // Opens a surge (or escalates an open spike) when the least rate at least doubles the day-rate baseline and passes the guards.
    private bool TryOpenRoundedSurge(double least, long baseTicks, long baseFollowers, long ticks, long followers, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var median = _dayRates.Median();
        if (least < RoundedEarlySurgeRatio * Math.Max(median, 0) || !settings.PassesGuards(least - median, followers))
        {
            return false;
        }

        var scale = Math.Max(_dayRates.RobustStandardDeviation(median), 1);
        if (episodes.Rise is { } spike)
        {
            EpisodeRecorder.Rebase(spike, median, scale, ticks, followers, least);
            episodes.EscalateToSurge(spike, at, ref changes);
            return true;
        }

        episodes.Rise = episodes.Open(AlertKind.Surge, baseTicks, baseFollowers, median, scale, ticks, followers, least, at, ref changes);
        return true;
    }
}
