namespace Monitor.Core.Alerts;

/// <summary>One transition of an episode, with the episode as it is after it. Re-delivery is idempotent on (Id, Type, UpdatedAt).</summary>
public sealed record EpisodeChange(EpisodeChangeType Type, AlertEpisode Episode);
