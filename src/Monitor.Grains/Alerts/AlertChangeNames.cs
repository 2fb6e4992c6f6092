namespace Monitor.Grains.Alerts;

/// <summary>The names of changes on episode events and on the alert change log.</summary>
public static class AlertChangeNames
{
    public const string Opened = "opened";
    public const string Updated = "updated";
    public const string Resolved = "resolved";
    public const string Acknowledged = "acknowledged";
}
