using System.Globalization;
using Monitor.Abstractions.Alerts;

namespace Monitor.Client;

/// <summary>Formats an alert (or a change to one) as one console line, as the command line and the demo print them.</summary>
public static class AlertLine
{
    /// <summary>One line for an alert.</summary>
    public static string Format(AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return string.Create(CultureInfo.InvariantCulture,
            $"  {alert.Kind,-6} {alert.Severity,-8} {alert.Status,-12} {alert.Account} from {alert.Start:yyyy-MM-dd} peak {alert.PeakFollowers:N0} on {alert.PeakAt:yyyy-MM-dd}" +
            $" ({alert.Change:+#,0;-#,0} followers, {alert.ObservedRatePerDay:N0}/day vs {alert.BaselineRatePerDay:N0}/day, z {alert.ZScore:F1})" +
            $"{(alert.End is { } end ? $" ended {end:yyyy-MM-dd}" : "")}{(alert.IncidentId is { } incident ? $" incident {incident}" : "")}{(alert.Corroboration is { } reading ? $" [{reading.Summary}]" : "")}{(alert.Silenced ? " [silenced]" : "")} id {alert.Id}");
    }

    /// <summary>One line for a change on the live stream: its sequence and what changed.</summary>
    public static string Format(AlertChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return string.Create(CultureInfo.InvariantCulture, $"#{change.Sequence} {change.Change,-12}") + Format(change.Alert);
    }
}
