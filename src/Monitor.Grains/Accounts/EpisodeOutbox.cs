using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;

namespace Monitor.Grains.Accounts;

/// <summary>The episode events an account has not yet handed to the alert hub: at most one per episode, merged as they come.</summary>
internal static class EpisodeOutbox
{
    public static void Add(List<EpisodeEvent> outbox, IReadOnlyList<EpisodeEvent> events)
    {
        foreach (var episodeEvent in events)
        {
            var index = outbox.FindIndex(pending => pending.Episode.Id == episodeEvent.Episode.Id);
            if (index < 0)
            {
                outbox.Add(episodeEvent);
                continue;
            }

            // The latest figures, still announced as opened if the hub never saw the opening.
            var pending = outbox[index];
            var change = episodeEvent.Change == AlertChangeNames.Resolved ? AlertChangeNames.Resolved
                : pending.Change == AlertChangeNames.Opened ? AlertChangeNames.Opened
                : episodeEvent.Change;
            outbox[index] = new EpisodeEvent(change, episodeEvent.Episode);
        }
    }

    /// <summary>Hands the outbox (if not empty) to the hub; on failure the events stay (and are checkpointed) for the next batch or stall tick.</summary>
    public static async Task PublishAsync(List<EpisodeEvent> outbox, AlertRouter router, ILogger logger, string account)
    {
        if (outbox.Count == 0)
        {
            return;
        }

        var events = outbox.ToArray();
        try
        {
            await router.PublishAsync(events);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Account {Account} could not publish {Count} episode events; they stay in its outbox.", account, events.Length);
            return;
        }

        outbox.RemoveRange(0, events.Length);
    }
}
