using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Alerts;

/// <summary>What the hub accepts from account grains: an episode with an id, a subject (account or platform) and a kind.</summary>
internal static class EpisodeEventValidation
{
    public static void Validate(EpisodeEvent? episodeEvent, int index)
    {
        if (episodeEvent?.Episode is null)
        {
            throw new ArgumentNullException($"events[{index}]", "An episode event and its episode must not be null.");
        }

        if (episodeEvent.Change is not (AlertChangeNames.Opened or AlertChangeNames.Updated or AlertChangeNames.Resolved))
        {
            throw new ArgumentOutOfRangeException($"events[{index}].{nameof(EpisodeEvent.Change)}", episodeEvent.Change, "Must be opened, updated or resolved.");
        }

        var episode = episodeEvent.Episode;
        // An outage is about a platform, not an account: it names its platform and may leave the account empty.
        var hasSubject = !string.IsNullOrEmpty(episode.Account) || !string.IsNullOrEmpty(episode.Platform);
        if (string.IsNullOrEmpty(episode.Id) || !hasSubject || string.IsNullOrEmpty(episode.Kind))
        {
            throw new ArgumentException($"Episode '{episode.Id}' of account '{episode.Account}' needs an id, an account (or a platform) and a kind.", $"events[{index}].{nameof(EpisodeEvent.Episode)}");
        }
    }
}
