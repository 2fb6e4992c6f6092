using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Core.Accounts;
using Monitor.Core.Collection;
using Monitor.Grains.Alerts;

namespace Monitor.Grains.Accounts;

/// <summary>
/// What a collector's poll does to an account's state: its collection health (failures in a row, unavailable and stall
/// alerts), the status its summary shows, and a rename when the platform reports a new handle for the same id.
/// </summary>
internal static class PollOutcomeRecorder
{
    /// <summary>Applies <paramref name="outcome"/> to <paramref name="state"/> and returns the episode events it caused.</summary>
    public static IReadOnlyList<EpisodeEvent> Record(AccountState state, string account, PollOutcome outcome, AccountModel model, int stallAfterFailedPolls)
    {
        var collection = state.Collection ??= new AccountCollectionState();
        var health = new CollectionHealth(AccountKey.Parse(account), stallAfterFailedPolls, collection.ConsecutiveFailures,
            collection.FailingSince, collection.UnavailableSince, collection.StalledSince);
        var result = outcome.Status switch
        {
            PollStatus.Ok => CollectionResult.Ok,
            PollStatus.NotFound or PollStatus.Suspended or PollStatus.Hidden => CollectionResult.Unavailable,
            _ => CollectionResult.Failed,
        };
        var reason = outcome.Reason ?? outcome.Status.ToString().ToLowerInvariant();
        var events = model.ToEvents(health.Record(result, outcome.At, model.LatestFollowers), reason);
        collection.ConsecutiveFailures = health.ConsecutiveFailures;
        collection.FailingSince = health.FailingSince;
        collection.UnavailableSince = health.UnavailableSince;
        collection.StalledSince = health.StalledSince;
        foreach (var episodeEvent in events)
        {
            collection.OpenAlerts.RemoveAll(open => open.Id == episodeEvent.Episode.Id);
            if (episodeEvent.Change != AlertChangeNames.Resolved)
            {
                collection.OpenAlerts.Add(episodeEvent.Episode);
            }
        }

        var previous = collection.Status;
        var renames = previous?.Renames ?? [];
        var knownHandle = state.Profile.Handle;
        if (outcome.Handle is { Length: > 0 } seen && knownHandle is { Length: > 0 } && !string.Equals(seen.TrimStart('@'), knownHandle.TrimStart('@'), StringComparison.OrdinalIgnoreCase))
        {
            // Same id, new handle: a rename of this account, not a new one.
            renames = [.. renames, new HandleChange(knownHandle, seen, outcome.At)];
            state.Profile = state.Profile with { Handle = seen };
        }

        collection.Status = new CollectionStatus(
            outcome.At,
            outcome.Status,
            outcome.Status == PollStatus.Ok ? null : reason,
            outcome.Status == PollStatus.Ok ? outcome.At : previous?.LastSuccessAt,
            health.ConsecutiveFailures,
            outcome.FollowersPrecision ?? previous?.FollowersPrecision,
            renames,
            outcome.Likes ?? previous?.Likes);
        return events;
    }
}
