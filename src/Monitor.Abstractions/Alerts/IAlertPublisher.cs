namespace Monitor.Abstractions.Alerts;

/// <summary>
/// The silo's path to the alert hub for alerts raised outside account grains (a collector's platform outage);
/// the task completes when the hub has accepted the events, and a caller keeps them to retry when it fails.
/// </summary>
public interface IAlertPublisher
{
    /// <summary>Forwards <paramref name="events"/> to the hub.</summary>
    Task PublishAsync(IReadOnlyList<EpisodeEvent> events);
}
