using Monitor.Core.Accounts;
using Monitor.Core.Alerts;

namespace Monitor.Core.Collection;

/// <summary>
/// Turns poll outcomes of one account into episodes: an <see cref="AlertKind.Unavailable"/> episode while the platform
/// says the account cannot be read, and a <see cref="AlertKind.Stall"/> once <see cref="StallAfterFailures"/> polls in a row
/// failed. The next successful read resolves both. A missing account is never a count of 0: no sample is produced here.
/// </summary>
/// <remarks>
/// The state is four plain values so a grain can persist it as it likes; episodes are rebuilt from their start, and episode
/// ids are deterministic (kind, account, start), so a resolution after a restart names the episode that was opened.
/// </remarks>
public sealed class CollectionHealth
{
    private readonly AccountKey _account;

    /// <summary>Creates the tracker with the state last persisted (all defaults for a new account).</summary>
    public CollectionHealth(AccountKey account, int stallAfterFailures, int consecutiveFailures = 0, DateTimeOffset? failingSince = null,
        DateTimeOffset? unavailableSince = null, DateTimeOffset? stalledSince = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stallAfterFailures, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(consecutiveFailures);
        _account = account;
        StallAfterFailures = stallAfterFailures;
        ConsecutiveFailures = consecutiveFailures;
        FailingSince = failingSince;
        UnavailableSince = unavailableSince;
        StalledSince = stalledSince;
    }

    /// <summary>Failed polls in a row after which a stall opens.</summary>
    public int StallAfterFailures { get; }

    /// <summary>Polls that failed in a row (unavailability does not count: it is an answer).</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>When the current run of failures began.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    /// <summary>Start of the open unavailable episode.</summary>
    public DateTimeOffset? UnavailableSince { get; private set; }

    /// <summary>Start of the open collection stall.</summary>
    public DateTimeOffset? StalledSince { get; private set; }

    /// <summary>Applies one poll outcome at <paramref name="at"/>; <paramref name="lastFollowers"/> is the latest known count, for evidence.</summary>
    public IReadOnlyList<EpisodeChange> Record(CollectionResult result, DateTimeOffset at, long lastFollowers)
    {
        var changes = new List<EpisodeChange>();
        switch (result)
        {
            case CollectionResult.Ok:
                ResolveStall(changes, at, lastFollowers);
                if (UnavailableSince is { } since)
                {
                    changes.Add(new EpisodeChange(EpisodeChangeType.Resolved, Resolve(AlertKind.Unavailable, since, at, lastFollowers)));
                    UnavailableSince = null;
                }

                break;

            case CollectionResult.Unavailable:
                // An answer from the platform: collection works, so a stall about failures ends here.
                ResolveStall(changes, at, lastFollowers);
                if (UnavailableSince is null)
                {
                    UnavailableSince = at;
                    changes.Add(new EpisodeChange(EpisodeChangeType.Opened, Open(AlertKind.Unavailable, at, Severity.Warning, lastFollowers)));
                }

                break;

            case CollectionResult.Failed:
                ConsecutiveFailures++;
                FailingSince ??= at;
                if (StalledSince is null && ConsecutiveFailures >= StallAfterFailures)
                {
                    StalledSince = FailingSince;
                    changes.Add(new EpisodeChange(EpisodeChangeType.Opened, Open(AlertKind.Stall, FailingSince.Value, Severity.Warning, lastFollowers, at)));
                }

                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(result), result, "Must be Ok, Unavailable or Failed.");
        }

        return changes;
    }

    private void ResolveStall(List<EpisodeChange> changes, DateTimeOffset at, long lastFollowers)
    {
        if (StalledSince is { } stalled)
        {
            changes.Add(new EpisodeChange(EpisodeChangeType.Resolved, Resolve(AlertKind.Stall, stalled, at, lastFollowers)));
            StalledSince = null;
        }

        ConsecutiveFailures = 0;
        FailingSince = null;
    }

    private AlertEpisode Open(AlertKind kind, DateTimeOffset start, Severity severity, long followers, DateTimeOffset? at = null) =>
        AlertEpisode.Open(_account, kind, start, severity, Evidence(start, followers), at ?? start);

    private AlertEpisode Resolve(AlertKind kind, DateTimeOffset start, DateTimeOffset at, long followers)
    {
        var end = at < start ? start : at;
        return Open(kind, start, Severity.Warning, followers).Resolve(end, Evidence(end, followers), at);
    }

    private static EpisodeEvidence Evidence(DateTimeOffset at, long followers) => new(at, followers, 0, 0, 0, 0, 0, 0);
}
