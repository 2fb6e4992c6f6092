namespace Monitor.Core.Alerts;

/// <summary>The transition an <see cref="EpisodeChange"/> reports.</summary>
public enum EpisodeChangeType
{
    /// <summary>A new episode.</summary>
    Opened,

    /// <summary>A new peak, a higher severity, or a spike escalated into a surge.</summary>
    Updated,

    /// <summary>The episode ended; it will not change again.</summary>
    Resolved,
}
