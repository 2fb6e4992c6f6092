using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Serialization;

namespace Monitor.Core.Detection;

/// <summary>
/// Watches one account's follower counts, point by point, and reports episodes: spikes, surges, drops and stalls.
/// </summary>
/// <remarks>
/// <para>Everything works on the rate between consecutive observations (followers per day), which copes with irregular
/// sampling and gaps. The baseline is the median and MAD of the last <see cref="DetectorSettings.BaselineWindow"/> rates;
/// rates enter it clamped to median ± <see cref="DetectorSettings.BaselineClampZ"/> scales so an episode moves it slowly.</para>
/// <para>Spike: one interval with z ≥ <see cref="DetectorSettings.SpikeZ"/>, passing the absolute and relative guards; it
/// resolves at the first interval no longer elevated against the baseline frozen at its onset. Surge: judged on day rates
/// (the rate between checkpoints at least <see cref="DetectorSettings.SurgeInterval"/> apart, against their own baseline), so
/// hourly noise and daily rhythm cannot accumulate; a one-sided CUSUM of capped z opens it once sustained, and it resolves
/// after <see cref="DetectorSettings.QuietPeriod"/> without an elevated day rate. Spikes are folded into surges: no spike
/// opens while a surge is open (a higher day rate updates the surge's peak instead), and a spike still open when the CUSUM
/// confirms a surge escalates into it (same id, kind becomes surge), as does a spike still active after
/// <see cref="DetectorSettings.SpikeMaxDuration"/>: a rise that lasts weeks is a surge whatever the CUSUM says. Drop: an interval with a net loss,
/// z ≤ -<see cref="DetectorSettings.DropZ"/> and a loss of at least <see cref="DetectorSettings.DropRelative"/>; it stays open
/// while losses beyond noise continue. Stall: checked by <see cref="CheckStall"/>; resolved by the next observation.</para>
/// <para>Observations must come in time order (the history hands over its added points in order): one at or before the last
/// observed time is ignored and returns no change. Not thread-safe; a grain calls it one turn at a time.</para>
/// </remarks>
public sealed class AccountDetector
{
    private const byte StateVersion = 2;
    private const byte FirstStateVersion = 1;
    private const int RecentRatesCap = 1024;
    private const int NoveltyCap = 1024;
    private const int LongRunScaleHorizon = 1000;

    private static readonly EpisodeChange[] NoChanges = [];

    private readonly DetectorSettings _settings;
    private readonly AccountKey? _account;
    private readonly long _lagTicks;
    private readonly long _noveltyTicks;
    private readonly long _quietTicks;
    private readonly long _maxEpisodeTicks;
    private readonly long _spikeMaxTicks;
    private readonly long _surgeIntervalTicks;

    private readonly RollingRobustWindow _baseline;
    private readonly RollingRobustWindow _intervals;
    private readonly RollingRobustWindow _dayRates;
    private readonly TimedDeque _recentRates = new(RecentRatesCap);
    private readonly TimedDeque _novelty = new(NoveltyCap);

    private bool _hasLast;
    private long _lastTicks;
    private long _lastFollowers;

    // Where the current rate interval starts: the previous observation, or on a rounded series the first observation of the
    // current rounded count (a repeat of a rounded count says only that the true count stayed within a step).
    private long _rateTicks;
    private long _rateFollowers;
    private CountResolution? _declared;
    private ResolutionInference _inference;
    private readonly TrailingDayRate _trailingDay = new();
    private readonly RollingRobustWindow _trailingDayRates;

    // The baseline of trailing day rates changes once a day: its median and scale are kept, not recomputed per observation.
    private double _trailingDayMedian;
    private double _trailingDayScale;

    private double _baselineScaleAverage;
    private long _baselineScaleCount;
    private double _seasonalScaleAverage;
    private long _seasonalScaleCount;
    private WinsorizedTracker _seasonal;
    private ScoreNormalizer _baselineLevel;
    private ScoreNormalizer _seasonalLevel;

    private long _anchorTicks;
    private long _anchorFollowers;
    private double _dayScaleAverage;
    private long _dayScaleCount;
    private double _cusum;
    private long _runStartTicks;
    private long _runStartFollowers;
    private double _runExcess;
    private double _runBaselineRate;
    private double _runBaselineScale;

    private EpisodeTrack? _rise;
    private EpisodeTrack? _drop;
    private AlertEpisode? _stall;

    /// <summary>Creates a detector whose episode ids carry no account (evaluation, tests).</summary>
    public AccountDetector(DetectorSettings settings)
        : this(settings, null)
    {
    }

    /// <summary>Creates a detector for one account; episode ids include the account key.</summary>
    public AccountDetector(DetectorSettings settings, AccountKey? account)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Validate();
        _account = account is { Id: null } ? throw new ArgumentException("The account key is the default (empty) key.", nameof(account)) : account;
        _lagTicks = settings.SeasonalLag.Ticks;
        _noveltyTicks = settings.NoveltyHorizon.Ticks;
        _quietTicks = settings.QuietPeriod.Ticks;
        _maxEpisodeTicks = settings.MaxEpisodeDuration.Ticks;
        _spikeMaxTicks = settings.SpikeMaxDuration.Ticks;
        _baseline = new RollingRobustWindow(settings.BaselineWindow);
        _intervals = new RollingRobustWindow(settings.StallIntervalWindow);
        _dayRates = new RollingRobustWindow(settings.SurgeBaselineWindow);
        _trailingDayRates = new RollingRobustWindow(settings.SurgeBaselineWindow);
        _surgeIntervalTicks = settings.SurgeInterval.Ticks;
    }

    /// <summary>The thresholds in force.</summary>
    public DetectorSettings Settings => _settings;

    /// <summary>The account episodes are reported for, if known.</summary>
    public AccountKey? Account => _account;

    /// <summary>
    /// Anomaly score in [0, 1) of the last observed point, two-sided: unusually high or low rates, level shifts and breaks of
    /// the daily rhythm all score high. It is the larger of two robust |z| (the rate against the trailing baseline, and the
    /// change against the rate one <see cref="DetectorSettings.SeasonalLag"/> earlier), each expressed in standard deviations
    /// above its usual level for this account, squashed by <see cref="DetectorSettings.ScoreMidpoint"/>; and it is 0 unless the
    /// point is more anomalous than every point in the preceding <see cref="DetectorSettings.NoveltyHorizon"/>, so an anomaly
    /// scores once, at its onset. Guards do not apply: this is statistical evidence, not a page.
    /// </summary>
    public double LastAnomalyScore { get; private set; }

    /// <summary>The signed robust z of the last observed rate against the trailing baseline (0 while warming up).</summary>
    public double LastRobustZ { get; private set; }

    /// <summary>
    /// The resolution the detector works with: the last one a source declared (it holds until another is declared), else
    /// the one inferred from the recent counts.
    /// </summary>
    public CountResolution Resolution => _declared ?? _inference.Inferred;

    /// <summary>True when <see cref="Resolution"/> was inferred from the counts, not declared by a source.</summary>
    public bool ResolutionIsInferred => _declared is null;

    /// <summary>When the last observation was made, or null before the first.</summary>
    public DateTimeOffset? LastObservedAt => _hasLast ? new DateTimeOffset(_lastTicks, TimeSpan.Zero) : null;

    /// <summary>The episodes currently open: at most one rise (spike or surge), one drop and one stall.</summary>
    public IReadOnlyList<AlertEpisode> OpenEpisodes
    {
        get
        {
            var open = new List<AlertEpisode>(3);
            if (_rise is not null)
            {
                open.Add(_rise.Episode);
            }

            if (_drop is not null)
            {
                open.Add(_drop.Episode);
            }

            if (_stall is not null)
            {
                open.Add(_stall);
            }

            return open;
        }
    }

    /// <summary>
    /// Feeds one observation (in time order) and returns the episode changes it caused. An observation at or before the last
    /// observed time is ignored. Any follower value is accepted (evaluation feeds running sums that may be negative).
    /// <paramref name="resolution"/> is the count's resolution when the source knows it; it holds for later observations
    /// that do not say (null), and without any the detector infers it from the counts.
    /// </summary>
    /// <remarks>
    /// On a rounded series each interval's rate is an interval of rates (the change ± half a step at each end), and the
    /// detector judges the rate in it closest to the baseline: a change explainable by rounding opens nothing. A repeated
    /// rounded count is not a rate of zero: the rate runs from the first observation of a rounded count to the first of the
    /// next, a span long enough for the count to have moved by a step.
    /// </remarks>
    public IReadOnlyList<EpisodeChange> Observe(DateTimeOffset timestamp, long followers, CountResolution? resolution = null)
    {
        var ticks = timestamp.UtcTicks;
        if (_hasLast && ticks <= _lastTicks)
        {
            return NoChanges;
        }

        _declared = resolution ?? _declared;
        _inference.Add(followers);
        if (!_hasLast)
        {
            _hasLast = true;
            _lastTicks = ticks;
            _lastFollowers = followers;
            _rateTicks = ticks;
            _rateFollowers = followers;
            _anchorTicks = ticks;
            _anchorFollowers = followers;
            LastAnomalyScore = 0;
            LastRobustZ = 0;
            return NoChanges;
        }

        List<EpisodeChange>? changes = null;
        var at = new DateTimeOffset(ticks, TimeSpan.Zero);
        if (_stall is { } stall)
        {
            (changes ??= []).Add(new EpisodeChange(EpisodeChangeType.Resolved, stall.Resolve(at, stall.Evidence, at)));
            _stall = null;
        }

        _intervals.Add((ticks - _lastTicks) / (double)TimeSpan.TicksPerDay);
        var typicalInterval = _intervals.Median();
        var countResolution = Resolution;
        _lastTicks = ticks;
        _lastFollowers = followers;
        if (countResolution.IsRounded && followers == _rateFollowers)
        {
            LastAnomalyScore = 0;
            LastRobustZ = 0;
            return (IReadOnlyList<EpisodeChange>?)changes ?? NoChanges;
        }

        var previousTicks = _rateTicks;
        var previousFollowers = _rateFollowers;
        var dtTicks = ticks - previousTicks;
        var dt = dtTicks / (double)TimeSpan.TicksPerDay;
        var rate = (followers - (double)previousFollowers) / dt;
        var rounding = new RateInterval(rate, (countResolution.HalfStep(previousFollowers) + countResolution.HalfStep(followers)) / dt);

        // Rate against the trailing baseline.
        var warm = _baseline.Count >= _settings.MinBaselinePoints;
        double median = 0, scale = 0, z = 0;
        if (warm)
        {
            median = _baseline.Median();
            var spread = 1.4826 * _baseline.MedianAbsoluteDeviation(median);
            _baselineScaleAverage = LearnAverage(_baselineScaleAverage, ref _baselineScaleCount, spread);
            // On a rounded series the spread of day rates is mostly rounding, which a small window can miss: one step a day
            // is the floor (the rate interval itself already discounts the rounding of this interval).
            var roundingFloor = rounding.HalfWidth * Math.Min(dt, 1);
            scale = Math.Max(Math.Max(spread, roundingFloor), Math.Max(1 / dt, _settings.LongRunScaleFloor * _baselineScaleAverage));
            z = (rounding.Nearest(median) - median) / scale;
        }

        // Change against the rate one seasonal lag earlier.
        var seasonalZ = SeasonalZ(ticks, dtTicks, dt, rate, out var hasSeasonal);

        UpdateScore(ticks, warm, z, hasSeasonal, seasonalZ);
        LastRobustZ = z;

        // Surges first, so a spike that turns out to be a surge's onset escalates before the interval check could resolve it.
        // Surges are judged on day rates: one checkpoint per surge interval (half a sampling interval early, so jitter does not skip days).
        _trailingDay.Add(ticks, followers);
        if (ticks - _anchorTicks >= _surgeIntervalTicks - (long)(typicalInterval * TimeSpan.TicksPerDay / 2))
        {
            EvaluateSurge(ticks, followers, countResolution, at, ref changes);
            LearnTrailingDayRate();
            UpdateTrailingDayBaseline();
            _anchorTicks = ticks;
            _anchorFollowers = followers;
        }

        if (!countResolution.IsRounded)
        {
            EvaluateEarlySurge(ticks, followers, at, ref changes);
        }

        if (warm)
        {
            EvaluateSpike(ticks, followers, previousTicks, previousFollowers, rounding, dt, z, median, scale, at, ref changes);
            EvaluateDrop(ticks, followers, previousTicks, previousFollowers, rounding, dt, z, median, scale, at, ref changes);
        }

        // A relearn (episode too long) clears the baseline; the clamp then has nothing to clamp to.
        var clamped = warm && _baseline.Count >= _settings.MinBaselinePoints
            ? Math.Clamp(rate, median - (_settings.BaselineClampZ * scale), median + (_settings.BaselineClampZ * scale))
            : rate;
        _baseline.Add(clamped);
        _rateTicks = ticks;
        _rateFollowers = followers;
        return (IReadOnlyList<EpisodeChange>?)changes ?? NoChanges;
    }

    /// <summary>
    /// Opens a stall when nothing was observed for longer than expected: <see cref="DetectorSettings.StallAfter"/> if set,
    /// else <see cref="DetectorSettings.StallFactor"/> times the median sampling interval, at least
    /// <see cref="DetectorSettings.StallMinimum"/>. At most one stall is open; the next observation resolves it.
    /// </summary>
    public IReadOnlyList<EpisodeChange> CheckStall(DateTimeOffset now)
    {
        if (!_hasLast || _stall is not null || ExpectedSilence() is not { } expected || now.UtcTicks - _lastTicks <= expected.Ticks)
        {
            return NoChanges;
        }

        var last = new DateTimeOffset(_lastTicks, TimeSpan.Zero);
        var baseline = _baseline.Count > 0 ? _baseline.Median() : 0;
        var evidence = new EpisodeEvidence(last, _lastFollowers, 0, baseline, 0, 0, 0, 0);
        _stall = AlertEpisode.Open(_account, AlertKind.Stall, last, Severity.Warning, evidence, now);
        return [new EpisodeChange(EpisodeChangeType.Opened, _stall)];
    }

    /// <summary>The silence after which <see cref="CheckStall"/> opens a stall, or null while it cannot be learnt yet.</summary>
    public TimeSpan? ExpectedSilence()
    {
        if (_settings.StallAfter is { } fixedAfter)
        {
            return fixedAfter;
        }

        if (_intervals.Count < _settings.MinStallIntervals)
        {
            return null;
        }

        var learnt = TimeSpan.FromDays(_intervals.Median() * _settings.StallFactor);
        return learnt > _settings.StallMinimum ? learnt : _settings.StallMinimum;
    }

    /// <summary>The detector's state, to persist with the grain; <see cref="Restore"/> continues exactly where this left off.</summary>
    public byte[] SerializeState()
    {
        var writer = new ByteWriter(512);
        writer.WriteByte(StateVersion);

        // What version 2 added comes first, length-prefixed; the rest is version 1's layout unchanged.
        var added = new ByteWriter(256);
        WriteVersion2Fields(added);
        var addedBytes = added.ToArray();
        writer.WriteVarUInt((ulong)addedBytes.Length);
        writer.WriteBytes(addedBytes);
        writer.WriteString(_account?.ToString());
        writer.WriteBool(_hasLast);
        writer.WriteVarInt(_lastTicks);
        writer.WriteVarInt(_lastFollowers);
        _baseline.Write(writer);
        writer.WriteDouble(_baselineScaleAverage);
        writer.WriteVarInt(_baselineScaleCount);
        _recentRates.Write(writer);
        _seasonal.Write(writer);
        writer.WriteDouble(_seasonalScaleAverage);
        writer.WriteVarInt(_seasonalScaleCount);
        _baselineLevel.Write(writer);
        _seasonalLevel.Write(writer);
        _novelty.Write(writer);
        _intervals.Write(writer);
        _dayRates.Write(writer);
        writer.WriteVarInt(_anchorTicks);
        writer.WriteVarInt(_anchorFollowers);
        writer.WriteDouble(_dayScaleAverage);
        writer.WriteVarInt(_dayScaleCount);
        writer.WriteDouble(_cusum);
        writer.WriteVarInt(_runStartTicks);
        writer.WriteVarInt(_runStartFollowers);
        writer.WriteDouble(_runExcess);
        writer.WriteDouble(_runBaselineRate);
        writer.WriteDouble(_runBaselineScale);
        WriteTrack(writer, _rise);
        WriteTrack(writer, _drop);
        writer.WriteBool(_stall is not null);
        if (_stall is not null)
        {
            EpisodeTrack.WriteEpisode(writer, _stall);
        }

        writer.WriteDouble(LastAnomalyScore);
        writer.WriteDouble(LastRobustZ);
        return writer.ToArray();
    }

    private void WriteVersion2Fields(ByteWriter writer)
    {
        writer.WriteVarInt(_rateTicks);
        writer.WriteVarInt(_rateFollowers);
        writer.WriteBool(_declared is not null);
        if (_declared is { } declared)
        {
            writer.WriteByte((byte)declared.Kind);
            writer.WriteVarInt(declared.Value);
        }

        _inference.Write(writer);
        _trailingDay.Write(writer);
        _trailingDayRates.Write(writer);
    }

    private void ReadVersion2Fields(ReadOnlySpan<byte> fields)
    {
        var reader = new ByteReader(fields);
        _rateTicks = reader.ReadVarInt();
        _rateFollowers = reader.ReadVarInt();
        _declared = reader.ReadBool() ? ReadResolution(ref reader) : null;
        _inference = ResolutionInference.Read(ref reader);
        _trailingDay.Read(ref reader);
        _trailingDayRates.Read(ref reader);
        UpdateTrailingDayBaseline();
        if (!reader.AtEnd)
        {
            throw new FormatException("Unexpected bytes after the detector state's version 2 fields.");
        }
    }

    /// <summary>Restores a detector from <see cref="SerializeState"/>; throws <see cref="FormatException"/> when the state is malformed.</summary>
    public static AccountDetector Restore(DetectorSettings settings, ReadOnlySpan<byte> state)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reader = new ByteReader(state);
        var version = reader.ReadByte();
        if (version is not (FirstStateVersion or StateVersion))
        {
            throw new FormatException($"Unsupported detector state version {version}; expected {FirstStateVersion} or {StateVersion}.");
        }

        var version2Fields = version == StateVersion ? reader.ReadSpan(reader.ReadCount(1 << 20, "Version 2 fields length")) : default;
        var account = reader.ReadString() is { } key ? AccountKey.Parse(key) : (AccountKey?)null;
        var detector = new AccountDetector(settings, account)
        {
            _hasLast = reader.ReadBool(),
            _lastTicks = reader.ReadVarInt(),
            _lastFollowers = reader.ReadVarInt(),
        };
        detector._baseline.Read(ref reader);
        detector._baselineScaleAverage = reader.ReadDouble();
        detector._baselineScaleCount = reader.ReadVarInt();
        detector._recentRates.Read(ref reader);
        detector._seasonal = WinsorizedTracker.Read(ref reader);
        detector._seasonalScaleAverage = reader.ReadDouble();
        detector._seasonalScaleCount = reader.ReadVarInt();
        detector._baselineLevel = ScoreNormalizer.Read(ref reader);
        detector._seasonalLevel = ScoreNormalizer.Read(ref reader);
        detector._novelty.Read(ref reader);
        detector._intervals.Read(ref reader);
        detector._dayRates.Read(ref reader);
        detector._anchorTicks = reader.ReadVarInt();
        detector._anchorFollowers = reader.ReadVarInt();
        detector._dayScaleAverage = reader.ReadDouble();
        detector._dayScaleCount = reader.ReadVarInt();
        detector._cusum = reader.ReadDouble();
        detector._runStartTicks = reader.ReadVarInt();
        detector._runStartFollowers = reader.ReadVarInt();
        detector._runExcess = reader.ReadDouble();
        detector._runBaselineRate = reader.ReadDouble();
        detector._runBaselineScale = reader.ReadDouble();
        detector._rise = ReadTrack(ref reader);
        detector._drop = ReadTrack(ref reader);
        detector._stall = reader.ReadBool() ? EpisodeTrack.ReadEpisode(ref reader) : null;
        detector.LastAnomalyScore = reader.ReadDouble();
        detector.LastRobustZ = reader.ReadDouble();
        if (version == FirstStateVersion)
        {
            // Version 1 knew no resolution: every count was exact and every interval ran from the previous observation.
            detector._rateTicks = detector._lastTicks;
            detector._rateFollowers = detector._lastFollowers;
        }
        else
        {
            detector.ReadVersion2Fields(version2Fields);
        }

        if (!reader.AtEnd)
        {
            throw new FormatException("Unexpected bytes after the detector state.");
        }

        return detector;
    }

    private static CountResolution ReadResolution(ref ByteReader reader)
    {
        var kind = reader.ReadByte();
        var value = reader.ReadVarInt();
        try
        {
            return kind switch
            {
                (byte)ResolutionKind.Exact when value == 0 => CountResolution.Exact,
                (byte)ResolutionKind.SignificantFigures => CountResolution.SignificantFigures((int)Math.Min(value, int.MaxValue)),
                (byte)ResolutionKind.Step => CountResolution.Step(value),
                _ => throw new FormatException($"Unknown count resolution {kind}/{value} in the detector state."),
            };
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new FormatException($"Count resolution {kind}/{value} in the detector state is out of range.", ex);
        }
    }

    private static double LearnAverage(double average, ref long count, double value)
    {
        count++;
        return count == 1 ? value : average + ((value - average) / Math.Min(count, LongRunScaleHorizon));
    }

    private double SeasonalZ(long ticks, long dtTicks, double dt, double rate, out bool available)
    {
        available = false;
        var z = 0.0;
        var target = ticks - _lagTicks;
        var tolerance = Math.Max(dtTicks / 2, TimeSpan.TicksPerSecond);
        var index = _recentRates.FirstAtOrAfter(target);
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
            var warm = _seasonal.Count >= _settings.MinBaselinePoints;
            var scale = 0.0;
            if (warm)
            {
                var spread = _seasonal.Scale;
                _seasonalScaleAverage = LearnAverage(_seasonalScaleAverage, ref _seasonalScaleCount, spread);
                scale = Math.Max(spread, Math.Max(1 / dt, _settings.LongRunScaleFloor * _seasonalScaleAverage));
                z = (difference - _seasonal.Location) / scale;
                available = true;
            }

            _seasonal.Learn(difference, _settings.SeasonalHorizon, warm, _settings.BaselineClampZ, scale);
        }

        _recentRates.PushBack(ticks, rate);
        while (_recentRates.FrontTime < ticks - (2 * _lagTicks))
        {
            _recentRates.PopFront();
        }

        return z;
    }

    private void UpdateScore(long ticks, bool warm, double z, bool hasSeasonal, double seasonalZ)
    {
        var level = 0.0;
        if (warm)
        {
            level = _baselineLevel.StandardizeThenLearn(Math.Abs(z), _settings.ScoreHorizon);
        }

        if (hasSeasonal)
        {
            level = Math.Max(level, _seasonalLevel.StandardizeThenLearn(Math.Abs(seasonalZ), _settings.ScoreHorizon));
        }

        // Novelty: only a point more anomalous than everything in the preceding horizon scores (a monotone deque holds the maxima).
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
        LastAnomalyScore = novel / (novel + _settings.ScoreMidpoint);
    }

    /// <summary>True when a change beyond the baseline, in followers per day, passes both the absolute and the relative guard.</summary>
    private bool PassesGuards(double excessPerDay, long followers) =>
        excessPerDay >= _settings.MinAbsoluteChange && excessPerDay >= _settings.MinRelativeChange * Math.Abs((double)followers);

    private void EvaluateSpike(long ticks, long followers, long previousTicks, long previousFollowers, RateInterval rounding, double dt,
        double z, double median, double scale, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var s = _settings;
        var rate = rounding.Rate;
        if (_rise is { } rise)
        {
            // An open surge is judged on day rates; intervals inside it (spikes included) are folded into it there.
            if (rise.Episode.Kind != AlertKind.Spike)
            {
                return;
            }

            var nearest = rounding.Nearest(rise.BaselineRate);
            var zAgainstOnset = rise.ZAgainstBaseline(nearest);
            var active = zAgainstOnset >= s.ResolveZ && PassesGuards(nearest - rise.BaselineRate, previousFollowers);
            if (!active)
            {
                ResolveRise(rise, rise.Evidence(), at, ref changes);
                return;
            }

            rise.LastActiveTicks = ticks;
            rise.LastActiveFollowers = followers;
            rise.PeakZ = Math.Max(rise.PeakZ, zAgainstOnset);
            var newPeak = rate > rise.PeakRate;
            if (newPeak)
            {
                rise.PeakRate = rate;
                rise.PeakTicks = ticks;
                rise.PeakFollowers = followers;
            }

            if (ticks - rise.StartTicks >= _spikeMaxTicks)
            {
                // Elevated for days on end: a sustained rise, judged from now on as a surge against the baseline frozen at onset.
                EscalateToSurge(rise, at, ref changes);
                return;
            }

            UpdateIfWorse(rise, newPeak, at, ref changes);
            return;
        }

        if (z >= s.SpikeZ && PassesGuards((rounding.Nearest(median) - median) * Math.Min(dt, 1), previousFollowers))
        {
            _rise = OpenTrack(AlertKind.Spike, previousTicks, previousFollowers, median, scale, ticks, followers, rate, at, ref changes);
        }
    }

    private void EvaluateSurge(long ticks, long followers, CountResolution countResolution, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var s = _settings;
        var days = (ticks - _anchorTicks) / (double)TimeSpan.TicksPerDay;
        var rate = (followers - (double)_anchorFollowers) / days;
        var rounding = new RateInterval(rate, (countResolution.HalfStep(_anchorFollowers) + countResolution.HalfStep(followers)) / days);
        if (_dayRates.Count < s.MinSurgeBaselinePoints)
        {
            _dayRates.Add(rate);
            return;
        }

        var median = _dayRates.Median();
        var spread = 1.4826 * _dayRates.MedianAbsoluteDeviation(median);
        _dayScaleAverage = LearnAverage(_dayScaleAverage, ref _dayScaleCount, spread);
        var scale = Math.Max(Math.Max(spread, rounding.HalfWidth), Math.Max(1 / days, s.LongRunScaleFloor * _dayScaleAverage));
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
        var runDays = Math.Max(1, (ticks - _runStartTicks) / (double)TimeSpan.TicksPerDay);
        var sustained = _cusum >= s.SurgeThreshold && PassesGuards(_runExcess / runDays, _anchorFollowers);

        if (_rise is { Episode.Kind: AlertKind.Spike } spike)
        {
            if (sustained)
            {
                // The spike was the onset of a surge: same episode, judged from now on against the day-rate baseline of the run.
                Rebase(spike, _runBaselineRate, _runBaselineScale, ticks, followers, rate);
                EscalateToSurge(spike, at, ref changes);
            }
        }
        else if (_rise is { } surge)
        {
            var nearestOnset = rounding.Nearest(surge.BaselineRate);
            var zAgainstOnset = surge.ZAgainstBaseline(nearestOnset);
            var active = zAgainstOnset >= s.ResolveZ && PassesGuards(nearestOnset - surge.BaselineRate, _anchorFollowers);
            var newPeak = false;
            if (active)
            {
                surge.LastActiveTicks = ticks;
                surge.LastActiveFollowers = followers;
                surge.PeakZ = Math.Max(surge.PeakZ, zAgainstOnset);
                if (rate > surge.PeakRate)
                {
                    surge.PeakRate = rate;
                    surge.PeakTicks = ticks;
                    surge.PeakFollowers = followers;
                    newPeak = true;
                }
            }

            if (ticks - surge.StartTicks >= _maxEpisodeTicks)
            {
                ResolveRise(surge, surge.Evidence(), at, ref changes);
                Relearn();
                return;
            }

            if (!active && ticks - surge.LastActiveTicks >= _quietTicks)
            {
                ResolveRise(surge, surge.Evidence(), at, ref changes);
            }
            else
            {
                UpdateIfWorse(surge, newPeak, at, ref changes);
            }
        }
        else if (sustained)
        {
            _rise = OpenTrack(AlertKind.Surge, _runStartTicks, _runStartFollowers, _runBaselineRate, _runBaselineScale, ticks, followers, rate, at, ref changes);
        }

        _dayRates.Add(Math.Clamp(rate, median - (s.BaselineClampZ * scale), median + (s.BaselineClampZ * scale)));
    }

    /// <summary>Once a day, the trimmed rate over the last day joins its baseline (clamped, as day rates are).</summary>
    private void LearnTrailingDayRate()
    {
        if (!_trailingDay.TryRate(out var rate, out _, out _))
        {
            return;
        }

        if (_trailingDayRates.Count >= _settings.MinSurgeBaselinePoints)
        {
            var median = _trailingDayRates.Median();
            var scale = TrailingDayScale(median);
            rate = Math.Clamp(rate, median - (_settings.BaselineClampZ * scale), median + (_settings.BaselineClampZ * scale));
        }

        _trailingDayRates.Add(rate);
    }

    private void UpdateTrailingDayBaseline()
    {
        _trailingDayMedian = _trailingDayRates.Median();
        _trailingDayScale = TrailingDayScale(_trailingDayMedian);
    }

    private double TrailingDayScale(double median) =>
        Math.Max(1.4826 * _trailingDayRates.MedianAbsoluteDeviation(median), Math.Max(1, _settings.LongRunScaleFloor * _dayScaleAverage));

    // A spike that turned out to be a surge's onset is judged from now on against the surge's baseline.
    private static void Rebase(EpisodeTrack spike, double baselineRate, double baselineScale, long ticks, long followers, double rate)
    {
        spike.BaselineRate = baselineRate;
        spike.BaselineScale = baselineScale;
        spike.LastActiveTicks = ticks;
        spike.LastActiveFollowers = followers;
        spike.PeakZ = Math.Max(spike.PeakZ, spike.ZAgainstBaseline(rate));
    }

    // Same episode, same id: the kind becomes surge, sent as an Updated change.
    private void EscalateToSurge(EpisodeTrack rise, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var evidence = rise.Evidence();
        rise.Episode = rise.Episode.Escalate(AlertKind.Surge, evidence, _settings.SeverityFor(rise.PeakZ, evidence.RelativeChange), at);
        (changes ??= []).Add(new EpisodeChange(EpisodeChangeType.Updated, rise.Episode));
    }

    /// <summary>
    /// On data sampled at least every two hours, opens a surge (or escalates an open spike) as soon as the trimmed rate over
    /// the last day reaches <see cref="DetectorSettings.EarlySurgeZ"/> against the same rate on earlier days: a sustained
    /// rise shows within a day, long before the day-rate CUSUM has three days of evidence.
    /// </summary>
    private void EvaluateEarlySurge(long ticks, long followers, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var s = _settings;
        if (s.EarlySurgeZ <= 0 || _rise is { Episode.Kind: not AlertKind.Spike } || _trailingDayRates.Count < s.MinSurgeBaselinePoints
            || !_trailingDay.TryUpperBound(out var upperBound))
        {
            return;
        }

        // The untrimmed rate bounds the trimmed one, so the usual quiet day costs no sorting.
        var median = _trailingDayMedian;
        var scale = _trailingDayScale;
        if ((upperBound - median) / scale < s.EarlySurgeZ || !_trailingDay.TryRate(out var rate, out var baseTicks, out var baseFollowers)
            || (rate - median) / scale < s.EarlySurgeZ || !PassesGuards(rate - median, followers))
        {
            return;
        }

        if (_rise is { } spike)
        {
            Rebase(spike, median, scale, ticks, followers, rate);
            EscalateToSurge(spike, at, ref changes);
            return;
        }

        _rise = OpenTrack(AlertKind.Surge, baseTicks, baseFollowers, median, scale, ticks, followers, rate, at, ref changes);
    }

    /// <summary>Reports an open episode again when it reached a new peak or a higher severity.</summary>
    private void UpdateIfWorse(EpisodeTrack track, bool newPeak, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var evidence = track.Evidence();
        var severity = _settings.SeverityFor(track.PeakZ, evidence.RelativeChange);
        if (newPeak || severity > track.Episode.Severity)
        {
            track.Episode = track.Episode.Update(evidence, severity, at);
            (changes ??= []).Add(new EpisodeChange(EpisodeChangeType.Updated, track.Episode));
        }
    }

    private void EvaluateDrop(long ticks, long followers, long previousTicks, long previousFollowers, RateInterval rounding, double dt,
        double z, double median, double scale, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var s = _settings;
        var rate = rounding.Rate;

        // The smallest loss the rounded counts allow (the whole loss when exact).
        var loss = (previousFollowers - followers) - (rounding.HalfWidth * dt);
        if (_drop is { } drop)
        {
            var zAgainstOnset = drop.ZAgainstBaseline(rounding.Nearest(drop.BaselineRate));
            var active = loss > 0 && zAgainstOnset <= -s.ResolveZ;
            var newTrough = false;
            if (active)
            {
                drop.LastActiveTicks = ticks;
                drop.LastActiveFollowers = followers;
                drop.PeakZ = Math.Min(drop.PeakZ, zAgainstOnset);
                drop.PeakRate = Math.Min(drop.PeakRate, rate);
                if (followers < drop.PeakFollowers)
                {
                    drop.PeakTicks = ticks;
                    drop.PeakFollowers = followers;
                    newTrough = true;
                }
            }

            if (ticks - drop.StartTicks >= _maxEpisodeTicks || (!active && ticks - drop.LastActiveTicks >= _quietTicks))
            {
                drop.Episode = drop.Episode.Resolve(new DateTimeOffset(drop.LastActiveTicks, TimeSpan.Zero), drop.Evidence(), at);
                (changes ??= []).Add(new EpisodeChange(EpisodeChangeType.Resolved, drop.Episode));
                _drop = null;
                if (ticks - drop.StartTicks >= _maxEpisodeTicks)
                {
                    Relearn();
                }
            }
            else
            {
                UpdateIfWorse(drop, newTrough, at, ref changes);
            }

            return;
        }

        if (z <= -s.DropZ && loss > 0 && loss >= s.MinAbsoluteChange * Math.Max(1, dt) && loss >= s.DropRelative * Math.Abs((double)previousFollowers))
        {
            _drop = OpenTrack(AlertKind.Drop, previousTicks, previousFollowers, median, scale, ticks, followers, rate, at, ref changes);
        }
    }

    private EpisodeTrack OpenTrack(AlertKind kind, long startTicks, long startFollowers, double baselineRate, double baselineScale,
        long ticks, long followers, double rate, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        var track = new EpisodeTrack
        {
            Episode = null!,
            BaselineRate = baselineRate,
            BaselineScale = baselineScale,
            StartTicks = startTicks,
            StartFollowers = startFollowers,
            LastActiveTicks = ticks,
            LastActiveFollowers = followers,
            PeakTicks = ticks,
            PeakFollowers = followers,
            PeakRate = rate,
            PeakZ = (rate - baselineRate) / baselineScale,
        };
        var evidence = track.Evidence();
        track.Episode = AlertEpisode.Open(_account, kind, new DateTimeOffset(startTicks, TimeSpan.Zero), _settings.SeverityFor(track.PeakZ, evidence.RelativeChange), evidence, at);
        (changes ??= []).Add(new EpisodeChange(EpisodeChangeType.Opened, track.Episode));
        return track;
    }

    private void ResolveRise(EpisodeTrack rise, EpisodeEvidence evidence, DateTimeOffset at, ref List<EpisodeChange>? changes)
    {
        rise.Episode = rise.Episode.Resolve(new DateTimeOffset(rise.LastActiveTicks, TimeSpan.Zero), evidence, at);
        (changes ??= []).Add(new EpisodeChange(EpisodeChangeType.Resolved, rise.Episode));
        _rise = null;
        if (rise.Episode.Kind == AlertKind.Surge)
        {
            // Fresh evidence is needed for the next surge; a resolved spike leaves the day-rate evidence running.
            _cusum = 0;
            _runExcess = 0;
        }
    }

    /// <summary>After an episode outlived <see cref="DetectorSettings.MaxEpisodeDuration"/> its rate is the new normal: start the baseline afresh.</summary>
    private void Relearn()
    {
        _baseline.Clear();
        _dayRates.Clear();
        _trailingDayRates.Clear();
        _cusum = 0;
        _runExcess = 0;
    }

    private static void WriteTrack(ByteWriter writer, EpisodeTrack? track)
    {
        writer.WriteBool(track is not null);
        track?.Write(writer);
    }

    private static EpisodeTrack? ReadTrack(ref ByteReader reader) => reader.ReadBool() ? EpisodeTrack.Read(ref reader) : null;
}
