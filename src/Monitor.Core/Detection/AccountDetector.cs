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
/// observed time is ignored by <see cref="Observe"/> and goes to <see cref="ObserveLate"/> instead. A surge or drop that has
/// become the new normal resolves after <see cref="DetectorSettings.RegimeChangeAfter"/> (<see cref="RegimeChange"/>). Each
/// detector is its own class; this one composes them. Not thread-safe; a grain calls it one turn at a time.</para>
/// </remarks>
public sealed class AccountDetector
{
    private static readonly EpisodeChange[] NoChanges = [];

    private readonly DetectorSettings _settings;
    private readonly AccountKey? _account;
    private readonly SpikeDetector _spike;

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
        Baseline = new RateBaseline(settings);
        Score = new AnomalyScore(settings);
        Episodes = new EpisodeRecorder(settings, _account);
        _spike = new SpikeDetector(settings, Episodes);
        Surge = new SurgeDetector(settings, Episodes);
        Drop = new DropDetector(settings, Episodes);
        Stall = new StallDetector(settings, _account);
        Regime = new RegimeChange(settings, Baseline, Surge, Drop, Episodes);
    }

    /// <summary>The thresholds in force.</summary>
    public DetectorSettings Settings => _settings;

    /// <summary>The account episodes are reported for, if known.</summary>
    public AccountKey? Account => _account;

    /// <summary>
    /// Anomaly score in [0, 1) of the last observed point, two-sided: unusually high or low rates, level shifts and breaks of
    /// the daily rhythm all score high. It is the largest of three robust |z| (the rate against the trailing baseline, the
    /// change against the rate one <see cref="DetectorSettings.SeasonalLag"/> earlier, and the mean of the last
    /// <see cref="DetectorSettings.ScoreShiftSpan"/> rates against the baseline), each expressed in standard deviations
    /// above its usual level for this account, squashed by <see cref="DetectorSettings.ScoreMidpoint"/>; and it is 0 unless the
    /// point is more anomalous than every point in the preceding <see cref="DetectorSettings.NoveltyHorizon"/>, so an anomaly
    /// scores once, at its onset. Guards do not apply: this is statistical evidence, not a page.
    /// </summary>
    public double LastAnomalyScore => Score.Last;

    /// <summary>The signed robust z of the last observed rate against the trailing baseline (0 while warming up).</summary>
    public double LastRobustZ { get; internal set; }

    /// <summary>
    /// The resolution the detector works with: the last one a source declared (it holds until another is declared), else
    /// the one inferred from the recent counts.
    /// </summary>
    public CountResolution Resolution => Position.Resolution;

    /// <summary>True when <see cref="Resolution"/> was inferred from the counts, not declared by a source.</summary>
    public bool ResolutionIsInferred => Position.Declared is null;

    /// <summary>When the last observation was made, or null before the first.</summary>
    public DateTimeOffset? LastObservedAt => Position.HasLast ? new DateTimeOffset(Position.LastTicks, TimeSpan.Zero) : null;

    /// <summary>The episodes currently open: at most one rise (spike or surge), one drop and one stall.</summary>
    public IReadOnlyList<AlertEpisode> OpenEpisodes
    {
        get
        {
            var open = new List<AlertEpisode>(3);
            if (Episodes.Rise is { } rise)
            {
                open.Add(rise.Episode);
            }

            if (Drop.Open is { } drop)
            {
                open.Add(drop.Episode);
            }

            if (Stall.Open is { } stall)
            {
                open.Add(stall);
            }

            return open;
        }
    }

    internal SeriesPosition Position { get; } = new();

    internal RateBaseline Baseline { get; }

    internal AnomalyScore Score { get; }

    internal EpisodeRecorder Episodes { get; }

    internal SurgeDetector Surge { get; }

    internal DropDetector Drop { get; }

    internal StallDetector Stall { get; }

    internal RegimeChange Regime { get; }

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
        var position = Position;
        if (position.HasLast && ticks <= position.LastTicks)
        {
            return NoChanges;
        }

        position.Declared = resolution ?? position.Declared;
        position.Inference.Add(followers);
        if (!position.HasLast)
        {
            position.Start(ticks, followers);
            Surge.Start(ticks, followers);
            Score.Last = 0;
            LastRobustZ = 0;
            return NoChanges;
        }

        List<EpisodeChange>? changes = null;
        var typicalInterval = Stall.Observed(ticks, position.LastTicks, ref changes);
        var afterSilence = ticks - position.LastTicks > _settings.StallFactor * typicalInterval * TimeSpan.TicksPerDay;
        var countResolution = position.Resolution;
        position.LastTicks = ticks;
        position.LastFollowers = followers;
        if (countResolution.IsRounded && followers == position.RateFollowers)
        {
            Score.Last = 0;
            LastRobustZ = 0;
            return (IReadOnlyList<EpisodeChange>?)changes ?? NoChanges;
        }

        var step = RateStep.Between(position.RateTicks, position.RateFollowers, ticks, followers, countResolution);
        var judgement = Baseline.Judge(step);
        Score.Score(step, judgement, afterSilence, typicalInterval);
        LastRobustZ = judgement.Z;
        var checkpoint = Surge.Observe(ticks, followers, typicalInterval, countResolution, step.At, ref changes);
        if (checkpoint == DayCheckpoint.Relearn)
        {
            Baseline.Clear();
        }

        if (judgement.Warm)
        {
            _spike.Evaluate(step, judgement, ref changes);
            if (Drop.Evaluate(step, judgement, ref changes))
            {
                Baseline.Clear();
                Surge.Relearn();
            }
        }

        Baseline.Learn(step.Rate.Rate, judgement);
        if (checkpoint != DayCheckpoint.None)
        {
            Regime.Learn(Surge.LastDayRate, ticks, step.At, ref changes);
        }

        position.RateTicks = ticks;
        position.RateFollowers = followers;
        return (IReadOnlyList<EpisodeChange>?)changes ?? NoChanges;
    }

    /// <summary>
    /// Judges points that arrived after the detector had observed later ones (<see cref="Observe"/> ignores them). The
    /// <paramref name="span"/> is the stored series around them, oldest first: each run of late points between two points
    /// observed in time. Counts are cumulative, so the interval around late points was already judged as one rate; the late
    /// points can only reveal a burst inside it (diluted, or cancelled by its reversal). Such a spike or drop is reported
    /// as an episode opened and resolved at once; the baselines learn nothing from late points.
    /// </summary>
    public IReadOnlyList<EpisodeChange> ObserveLate(IReadOnlyList<SpanPoint> span)
    {
        ArgumentNullException.ThrowIfNull(span);
        if (!Position.HasLast)
        {
            return NoChanges;
        }

        var at = new DateTimeOffset(Position.LastTicks, TimeSpan.Zero);
        return new LatePointJudge(_settings, Baseline, Episodes).Judge(span, Position.Resolution, at, Episodes.Rise is not null, Drop.Open is not null);
    }

    /// <summary>
    /// Opens a stall when nothing was observed for longer than expected: <see cref="DetectorSettings.StallAfter"/> if set,
    /// else <see cref="DetectorSettings.StallFactor"/> times the median sampling interval, at least
    /// <see cref="DetectorSettings.StallMinimum"/>. At most one stall is open; the next observation resolves it.
    /// </summary>
    public IReadOnlyList<EpisodeChange> CheckStall(DateTimeOffset now) => Position.HasLast
        ? Stall.Check(now, Position.LastTicks, Position.LastFollowers, Baseline.Count > 0 ? Baseline.Median() : 0)
        : NoChanges;

    /// <summary>The silence after which <see cref="CheckStall"/> opens a stall, or null while it cannot be learnt yet.</summary>
    public TimeSpan? ExpectedSilence() => Stall.ExpectedSilence();

    /// <summary>The detector's state, to persist with the grain; <see cref="Restore"/> continues exactly where this left off.</summary>
    public byte[] SerializeState() => DetectorStateCodec.Serialize(this);

    /// <summary>Restores a detector from <see cref="SerializeState"/>; throws <see cref="FormatException"/> when the state is malformed.</summary>
    public static AccountDetector Restore(DetectorSettings settings, ReadOnlySpan<byte> state) => DetectorStateCodec.Restore(settings, state);
}
