namespace Monitor.Core.Alerts;

/// <summary>How loudly an episode should be announced; see <see cref="Detection.DetectorSettings.SeverityFor"/>.</summary>
public enum Severity
{
    Info,
    Warning,
    Critical,
}
