namespace Monitor.Grains.Alerts;

/// <summary>The statuses of an alert.</summary>
public static class AlertStatuses
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
}
