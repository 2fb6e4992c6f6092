using Monitor.Core;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Detection;
using Monitor.Core.Growth;
using Monitor.Core.History;
using Monitor.Grains.Alerts;
using Monitor.Grains.Observations;

namespace Monitor.Grains.Accounts;

/// <summary>
/// The domain side of an account grain: its <see cref="FollowerHistory"/> and detector (kept encoded while idle, see
/// <see cref="IdleEncodedDetector"/>), fed and read in the DTOs that cross grain calls (<see cref="AccountDtoMapping"/>). No I/O.
/// </summary>
internal sealed class AccountModel
{
    private readonly AccountKey _key;
    private readonly string _account;
    private readonly FollowerHistory _history;
    private IdleEncodedDetector _detector;
    private IReadOnlyList<string> _groups;
    private bool _observed;

    private AccountModel(string account, FollowerHistory history, IdleEncodedDetector detector, IReadOnlyList<string> groups)
    {
        // Log rows carry the grain key exactly as the grain is addressed, which is what replay reads by.
        _key = AccountKey.Parse(account);
        _account = account;
        _history = history;
        _detector = detector;
        _groups = groups;
    }

    /// <summary>A fresh model for a newly configured account.</summary>
    public static AccountModel Create(string account, AccountProfile profile) =>
        new(account, new FollowerHistory(), new IdleEncodedDetector(new AccountDetector(DetectorSettingsMapping.ToSettings(profile.Detector), AccountKey.Parse(account))), profile.Groups ?? []);

    /// <summary>
    /// The model as of a checkpoint: its profile and serialised history and detector (null before the first point). The
    /// detector stays in its encoded form until the next observation or stall check needs it.
    /// </summary>
    public static AccountModel Restore(string account, AccountProfile profile, byte[]? historyBytes, byte[]? detectorBytes)
    {
        var settings = DetectorSettingsMapping.ToSettings(profile.Detector);
        var history = historyBytes is { Length: > 0 } ? FollowerHistory.Deserialize(historyBytes) : new FollowerHistory();
        var detector = detectorBytes is { Length: > 0 } ? IdleEncodedDetector.FromState(settings, detectorBytes) : new IdleEncodedDetector(new AccountDetector(settings, AccountKey.Parse(account)));
        return new AccountModel(account, history, detector, profile.Groups ?? []);
    }

    /// <summary>
    /// The oldest timestamp a log row written after this model's checkpoint can have: the history accepted no point older
    /// than its latest minus the out-of-order window, and its latest only moves forward.
    /// </summary>
    public DateTimeOffset ReplayNotBefore =>
        _history.Latest is { } latest ? latest.Timestamp - _history.Options.OutOfOrderWindow - TimeSpan.FromSeconds(1) : default;

    /// <summary>Applies a new profile: groups for episodes, detector settings (the detector keeps its learned state).</summary>
    public void Reconfigure(AccountProfile profile)
    {
        _groups = profile.Groups ?? [];
        var settings = DetectorSettingsMapping.ToSettings(profile.Detector);
        if (settings != _detector.Settings)
        {
            _detector = IdleEncodedDetector.FromState(settings, _detector.SerializeState());
        }
    }

    /// <summary>Validates a batch against the grain key and <paramref name="now"/> and appends the valid points to the history.</summary>
    /// <remarks>Timestamps are cut to whole seconds, the precision the history keeps, so the log stores what the history holds.</remarks>
    public AppendOutcome Append(string grainKey, IReadOnlyList<ObservationInput> inputs, DateTimeOffset now)
    {
        var (valid, batchIndex, rejected, resolution) = ObservationBatchValidator.Validate(_key, _account, grainKey, inputs, now);
        if (valid.Count == 0)
        {
            return new AppendOutcome([], 0, rejected, []);
        }

        var result = _history.Append(valid);
        var tooOld = new List<RejectedObservation>();
        foreach (var rejection in result.Rejected)
        {
            var entry = new RejectedObservation(batchIndex[rejection.Index], grainKey, "timestamp", rejection.Message);
            (rejection.Reason == RejectionReason.TooOld ? tooOld : rejected).Add(entry);
        }

        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        var added = new List<ObservationRow>(result.Added.Count);
        if (result.Added.Count > 0)
        {
            var sourceOf = SourceLookup(inputs, valid, batchIndex);
            foreach (var sample in result.Added)
            {
                added.Add(AccountDtoMapping.ToRow(_account, sample, sourceOf(sample.Timestamp)));
            }
        }

        return new AppendOutcome(added, result.Duplicates, rejected, tooOld, resolution);
    }

    // The source each added point came with (the first one sent for its second): valid[i] came from inputs[batchIndex[i]].
    // A batch nearly always has one source, which needs no lookup table.
    private static Func<DateTimeOffset, string?> SourceLookup(IReadOnlyList<ObservationInput> inputs, List<FollowerSample> valid, List<int> batchIndex)
    {
        var first = inputs[batchIndex[0]].Source;
        var oneSource = true;
        foreach (var index in batchIndex)
        {
            oneSource &= string.Equals(inputs[index].Source, first, StringComparison.Ordinal);
        }

        if (oneSource)
        {
            return _ => first;
        }

        var sources = new Dictionary<DateTimeOffset, string?>(valid.Count);
        for (var i = 0; i < valid.Count; i++)
        {
            if (inputs[batchIndex[i]].Source is { } source)
            {
                sources.TryAdd(valid[i].Timestamp, source);
            }
        }

        return timestamp => sources.GetValueOrDefault(timestamp);
    }

    /// <summary>
    /// Runs the detector over newly added points (in time order) and returns the episode events. <paramref name="resolution"/>
    /// is the count resolution the batch declared; the detector keeps it for later points until another is declared (log rows
    /// do not carry it: after a restart the checkpointed detector still holds the last one declared). Points older than the
    /// detector's latest (a later batch filling a gap) go to <see cref="AccountDetector.ObserveLate"/>.
    /// </summary>
    public IReadOnlyList<EpisodeEvent> Observe(IReadOnlyList<ObservationRow> added, CountResolution? resolution = null)
    {
        List<EpisodeEvent>? events = null;
        var detector = _detector.Awake();
        _observed = true;

        // Points older than the detector's latest arrived late: judged within the span around them, not as new points.
        if (detector.LastObservedAt is { } lastObserved && added.Count > 0 && added[0].Timestamp < lastObserved)
        {
            var late = added.Select(row => row.Timestamp).Where(timestamp => timestamp < lastObserved).ToHashSet();
            var lateChanges = detector.ObserveLate(LateSpan.Around(_history, late));
            if (lateChanges.Count > 0)
            {
                (events ??= []).AddRange(lateChanges.Select(ToEvent));
            }
        }

        foreach (var row in added)
        {
            var changes = detector.Observe(row.Timestamp, row.Followers, resolution);
            if (changes.Count > 0)
            {
                (events ??= []).AddRange(changes.Select(ToEvent));
            }
        }

        return events ?? (IReadOnlyList<EpisodeEvent>)[];
    }

    /// <summary>Folds one log row in again after a restart: appended alone, so the detector sees what it saw live.</summary>
    public IReadOnlyList<EpisodeEvent> Replay(ObservationRow row)
    {
        var result = _history.Append([new FollowerSample(row.Timestamp, row.Followers, row.Following, row.Posts)]);
        return result.Added.Count == 0 ? [] : Observe([.. result.Added.Select(sample => AccountDtoMapping.ToRow(_account, sample, row.Source))]);
    }

    /// <summary>Asks the detector whether data is overdue at <paramref name="now"/>.</summary>
    public IReadOnlyList<EpisodeEvent> CheckStall(DateTimeOffset now) => [.. _detector.CheckStall(now).Select(ToEvent)];

    /// <summary>Episode changes from outside the detector (collection health) as events, with the reason they carry.</summary>
    public IReadOnlyList<EpisodeEvent> ToEvents(IReadOnlyList<EpisodeChange> changes, string? reason) =>
        [.. changes.Select(ToEvent).Select(episodeEvent => episodeEvent with { Episode = episodeEvent.Episode with { Reason = reason } })];

    /// <summary>The latest follower count, 0 before the first point.</summary>
    public long LatestFollowers => _history.Latest?.Followers ?? 0;

    public byte[] SerializeHistory() => _history.Serialize();

    public byte[] SerializeDetector() => _detector.SerializeState();

    /// <summary>Releases the decoded detector, keeping <paramref name="detectorState"/> (what <see cref="SerializeDetector"/> just returned) until it is needed again.</summary>
    public void SleepDetector(byte[] detectorState) => _detector.Sleep(detectorState);

    /// <summary>
    /// A model that has observed nothing since it was built (an account read by dashboards or woken by its stall reminder)
    /// drops its dormant detector's encoded state (about 2 KB; the checkpoint holds it): <see cref="SupplyDetectorState"/>
    /// gives it back before the first batch. A model taking batches keeps it, so ingest reads nothing more.
    /// </summary>
    public void ReleaseIdleDetectorState()
    {
        if (!_observed)
        {
            _detector.ReleaseState();
        }
    }

    /// <summary>True when the detector's state was released and must be supplied before observing, reconfiguring or checkpointing.</summary>
    public bool DetectorStateReleased => _detector.IsReleased;

    /// <summary>Whether a stall check at <paramref name="now"/> needs the detector's state (only one that opens a stall does).</summary>
    public bool StallCheckNeedsDetectorState(DateTimeOffset now) => _detector.IsReleased && _detector.StallCheckNeedsState(now);

    public void SupplyDetectorState(byte[] detectorState) => _detector.SupplyState(detectorState);

    /// <summary>The detector's open episodes as alert views.</summary>
    public IReadOnlyList<AlertView> OpenEpisodes(AccountProfile profile) =>
        [.. _detector.OpenEpisodes.Select(episode => AccountDtoMapping.ToView(episode, profile.Groups ?? []))];

    /// <summary>The summary dashboards and rankings show, from the growth metrics at the latest observation.</summary>
    public AccountSummary Summarize(string account, AccountProfile profile)
    {
        var platform = AccountKey.Parse(account).Platform.ToWireName();
        var latest = _history.Latest;
        var metrics = latest is { } point ? GrowthMetrics.Compute(_history, point.Timestamp) : null;
        return new AccountSummary(
            account,
            platform,
            profile,
            latest?.Timestamp,
            metrics?.Followers,
            metrics?.Following,
            metrics?.Posts,
            metrics?.FollowersPerPost,
            AccountDtoMapping.ToWindow(metrics?.Day),
            AccountDtoMapping.ToWindow(metrics?.Week),
            AccountDtoMapping.ToWindow(metrics?.Month),
            metrics?.ProjectedFollowers30d,
            OpenEpisodes(profile),
            Resolution: _detector.LastObservedAt is null ? null : _detector.Resolution.ToString(),
            ResolutionInferred: _detector.LastObservedAt is not null && _detector.ResolutionIsInferred);
    }

    /// <summary>
    /// History points in a range at a resolution. A query reaching back past the tier of its resolution gets the older part
    /// at the finest tier kept (raw: hourly buckets, then daily ones; hour: daily ones), each only where no finer tier covers
    /// the time; every point says which resolution it has.
    /// </summary>
    public IReadOnlyList<HistoryPoint> Query(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution)
    {
        switch (resolution)
        {
            case HistoryResolution.Day:
                return [.. _history.Query(from, to, Resolution.Day).Select(point => AccountDtoMapping.ToPoint(point, HistoryResolution.Day))];

            case HistoryResolution.Hour:
            {
                var allHours = _history.Query(DateTimeOffset.MinValue, to, Resolution.Hour);
                var hourStart = allHours.Count > 0 ? allHours[0].Timestamp : DateTimeOffset.MaxValue;
                var hours = allHours.Where(bucket => bucket.Timestamp.AddHours(1) > from).Select(point => AccountDtoMapping.ToPoint(point, HistoryResolution.Hour));
                return from >= hourStart ? [.. hours] : [.. OlderDays(from, to, hourStart).Concat(hours)];
            }
        }

        var allRaw = _history.Query(DateTimeOffset.MinValue, to, Resolution.Raw);
        var rawStart = allRaw.Count > 0 ? allRaw[0].Timestamp : DateTimeOffset.MaxValue;
        var raw = allRaw.Where(point => point.Timestamp >= from).Select(point => AccountDtoMapping.ToPoint(point, HistoryResolution.Raw));
        if (from >= rawStart)
        {
            return [.. raw];
        }

        var olderEnd = to < rawStart ? to : rawStart;
        var olderHours = _history.Query(from, olderEnd, Resolution.Hour).Where(bucket => bucket.Last < rawStart).ToList();
        var olderHourStart = olderHours.Count > 0 ? olderHours[0].Timestamp : rawStart;
        return [.. OlderDays(from, to, olderHourStart).Concat(olderHours.Select(point => AccountDtoMapping.ToPoint(point, HistoryResolution.Hour))).Concat(raw)];
    }

    /// <summary>Daily buckets in [from, to] that end before <paramref name="finerStart"/>, where a finer tier takes over.</summary>
    private IEnumerable<HistoryPoint> OlderDays(DateTimeOffset from, DateTimeOffset to, DateTimeOffset finerStart) =>
        from < finerStart
            ? _history.Query(from, to < finerStart ? to : finerStart, Resolution.Day)
                .Where(bucket => bucket.Last < finerStart)
                .Select(point => AccountDtoMapping.ToPoint(point, HistoryResolution.Day))
            : [];

    private EpisodeEvent ToEvent(EpisodeChange change) => AccountDtoMapping.ToEvent(change, _groups);
}
