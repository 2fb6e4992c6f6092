using System.Globalization;
using Monitor.Core.Accounts;

namespace Monitor.Core.Alerts;

/// <summary>
/// An alert episode and its state machine: opened, updated any number of times (new peak, higher severity, spike escalated to
/// surge), then resolved. Instances are immutable snapshots; each transition returns the next one and an illegal transition
/// (anything after resolution, escalating anything but an open spike) throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed record AlertEpisode
{
    private AlertEpisode()
    {
    }

    /// <summary>
    /// Stable id: <c>{kind}-{account}-{start:yyyyMMddTHHmmssZ}</c> (the account part omitted when the detector has none), from the
    /// kind the episode opened as, so replaying the same points yields the same id and re-delivery is idempotent.
    /// </summary>
    public string Id { get; private init; } = string.Empty;

    /// <summary>The account, when the detector knows it.</summary>
    public AccountKey? Account { get; private init; }

    /// <summary>What the episode is about now (a spike may escalate into a surge; the id keeps the opening kind).</summary>
    public AlertKind Kind { get; private init; }

    /// <summary>The kind the episode opened as, which its id starts with: <see cref="Kind"/> unless a spike escalated into a surge.</summary>
    public AlertKind FirstKind =>
        Enum.TryParse<AlertKind>(Id.AsSpan(0, Math.Max(0, Id.IndexOf('-', StringComparison.Ordinal))), ignoreCase: true, out var first) ? first : Kind;

    /// <summary>Open or resolved.</summary>
    public EpisodeStatus Status { get; private init; }

    /// <summary>The highest severity reached.</summary>
    public Severity Severity { get; private init; }

    /// <summary>When the episode began: the observation before the first anomalous interval (for stalls, the last observation).</summary>
    public DateTimeOffset Start { get; private init; }

    /// <summary>When it ended: the last anomalous observation (for stalls, when data resumed); null while open.</summary>
    public DateTimeOffset? End { get; private init; }

    /// <summary>When the last transition happened (the observation or check that caused it).</summary>
    public DateTimeOffset UpdatedAt { get; private init; }

    /// <summary>The figures that justify the episode.</summary>
    public EpisodeEvidence Evidence { get; private init; }

    /// <summary>When the peak was observed.</summary>
    public DateTimeOffset PeakAt => Evidence.PeakAt;

    /// <summary>Followers at the peak.</summary>
    public long PeakFollowers => Evidence.PeakFollowers;

    /// <summary>The baseline growth rate, followers per day.</summary>
    public double BaselineRatePerDay => Evidence.BaselineRatePerDay;

    /// <summary>The average growth rate over the episode so far, followers per day.</summary>
    public double ObservedRatePerDay => Evidence.ObservedRatePerDay;

    /// <summary>The most extreme robust z-score seen.</summary>
    public double ZScore => Evidence.ZScore;

    /// <summary>Net change in followers since the start.</summary>
    public long Change => Evidence.Change;

    /// <summary>Net change as a fraction of the followers at the start.</summary>
    public double RelativeChange => Evidence.RelativeChange;

    /// <summary>True while open.</summary>
    public bool IsOpen => Status == EpisodeStatus.Open;

    /// <summary>The id an episode of this kind starting then gets; see <see cref="Id"/>.</summary>
    public static string MakeId(AccountKey? account, AlertKind kind, DateTimeOffset start)
    {
        var kindName = kind.ToString().ToLowerInvariant();
        var at = start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return account is { Id: not null } key ? $"{kindName}-{key}-{at}" : $"{kindName}-{at}";
    }

    /// <summary>Opens an episode.</summary>
    public static AlertEpisode Open(AccountKey? account, AlertKind kind, DateTimeOffset start, Severity severity, EpisodeEvidence evidence, DateTimeOffset at) => new()
    {
        Id = MakeId(account, kind, start),
        Account = account,
        Kind = kind,
        Status = EpisodeStatus.Open,
        Severity = severity,
        Start = start,
        UpdatedAt = at,
        Evidence = evidence,
    };

    /// <summary>New evidence (a new peak); severity only ever rises.</summary>
    public AlertEpisode Update(EpisodeEvidence evidence, Severity severity, DateTimeOffset at)
    {
        EnsureOpen("update");
        return this with { Evidence = evidence, Severity = Max(Severity, severity), UpdatedAt = at };
    }

    /// <summary>Turns an open spike into a surge, keeping its id and start.</summary>
    public AlertEpisode Escalate(AlertKind kind, EpisodeEvidence evidence, Severity severity, DateTimeOffset at)
    {
        EnsureOpen("escalate");
        if (Kind != AlertKind.Spike || kind != AlertKind.Surge)
        {
            throw new InvalidOperationException($"Episode {Id} is a {Kind}; only a spike can escalate, and only into a surge (asked: {kind}).");
        }

        return this with { Kind = kind, Evidence = evidence, Severity = Max(Severity, severity), UpdatedAt = at };
    }

    /// <summary>Ends the episode at <paramref name="end"/>.</summary>
    public AlertEpisode Resolve(DateTimeOffset end, EpisodeEvidence evidence, DateTimeOffset at)
    {
        EnsureOpen("resolve");
        if (end < Start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"Episode {Id} cannot end before it started ({Start:O}).");
        }

        return this with { Status = EpisodeStatus.Resolved, End = end, Evidence = evidence, UpdatedAt = at };
    }

    /// <summary>Rebuilds an episode from stored fields (detector state).</summary>
    internal static AlertEpisode Restore(string id, AccountKey? account, AlertKind kind, EpisodeStatus status, Severity severity,
        DateTimeOffset start, DateTimeOffset? end, DateTimeOffset updatedAt, EpisodeEvidence evidence) => new()
    {
        Id = id,
        Account = account,
        Kind = kind,
        Status = status,
        Severity = severity,
        Start = start,
        End = end,
        UpdatedAt = updatedAt,
        Evidence = evidence,
    };

    private static Severity Max(Severity a, Severity b) => a >= b ? a : b;

    private void EnsureOpen(string transition)
    {
        if (Status != EpisodeStatus.Open)
        {
            throw new InvalidOperationException($"Cannot {transition} episode {Id}: it is {Status}.");
        }
    }
}
