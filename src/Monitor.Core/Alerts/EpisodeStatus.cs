namespace Monitor.Core.Alerts;

/// <summary>Where an episode is in its life: open (possibly updated since) or resolved (final).</summary>
public enum EpisodeStatus
{
    Open,
    Resolved,
}
