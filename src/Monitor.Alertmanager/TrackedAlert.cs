using Monitor.Abstractions.Alerts;

namespace Monitor.Alertmanager;

/// <summary>An alert the notifier keeps sending: its latest state, whether that state is unsent, and when it was last sent.</summary>
internal sealed class TrackedAlert(AlertView alert)
{
    public AlertView Alert { get; set; } = alert;

    public bool Changed { get; set; } = true;

    public DateTimeOffset LastSentAt { get; set; } = DateTimeOffset.MinValue;

    // When the notifier first saw it resolved: it is sent for ResolvedRetention after that, then forgotten.
    public DateTimeOffset? ResolvedSeenAt { get; set; }
}
