using System.Globalization;
using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Tests.Support;

/// <summary>Alerts and changes as text, for comparing values that went through storage (records compare lists by reference).</summary>
public static class AlertText
{
    public static string Of(AlertView alert) => string.Create(CultureInfo.InvariantCulture,
        $"{alert.Id}|{alert.Account}|{alert.Kind}|{alert.Severity}|{alert.Status}|{alert.Start:O}|{alert.PeakAt:O}|{alert.PeakFollowers}|{alert.End:O}|" +
        $"{alert.BaselineRatePerDay:R}|{alert.ObservedRatePerDay:R}|{alert.ZScore:R}|{alert.Change}|{alert.RelativeChange:R}|{string.Join(',', alert.Groups)}|" +
        $"{alert.IncidentId}|{alert.AcknowledgedBy}|{alert.Silenced}|{alert.UpdatedAt:O}");

    public static string Of(AlertChange change) => $"{change.Sequence}|{change.Change}|{Of(change.Alert)}";

    public static List<string> Of(IEnumerable<AlertView> alerts) => [.. alerts.Select(Of)];

    public static List<string> Of(IEnumerable<AlertChange> changes) => [.. changes.Select(Of)];
}
