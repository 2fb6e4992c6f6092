using System.Globalization;
using Monitor.Abstractions.Alerts;
using Monitor.Core.Alerts;
using Monitor.Grains.Alerts;

namespace Monitor.Alertmanager;

/// <summary>
/// The label schema of the alerts Monitor pushes (docs/alertmanager.md): <c>alertname</c>, <c>account</c>, <c>platform</c>,
/// <c>group</c>, <c>kind</c>, <c>severity</c> as labels, the evidence as annotations, the account's dashboard page as
/// <c>generatorURL</c>.
/// </summary>
public static class AlertmanagerLabels
{
    /// <summary>The kind of a platform outage, whose alert names a platform, not an account.</summary>
    public const string OutageKind = "outage";

    /// <summary>The alert name of each kind.</summary>
    public static string AlertName(string kind) => kind switch
    {
        "spike" => "FollowerSpike",
        "surge" => "FollowerSurge",
        "drop" => "FollowerDrop",
        "stall" => "CollectionStall",
        "unavailable" => "AccountUnavailable",
        OutageKind => "PlatformOutage",
        _ => "Monitor" + CultureInfo.InvariantCulture.TextInfo.ToTitleCase(kind),
    };

    /// <summary>The platform of an alert: the account key's prefix, or the outage's account, which is the platform.</summary>
    public static string PlatformOf(AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return AlertInhibition.PlatformOf(alert.Account);
    }

    /// <summary>The identifying labels; an alert whose labels change is a different alert to Alertmanager.</summary>
    public static IReadOnlyDictionary<string, string> Of(AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = AlertName(alert.Kind),
            ["platform"] = PlatformOf(alert),
            ["kind"] = alert.Kind,
            ["severity"] = alert.Severity,
        };
        if (alert.Kind != OutageKind)
        {
            labels["account"] = alert.Account;
        }

        // The account's first group; every group is in the annotation "groups".
        if (alert.Groups.Count > 0)
        {
            labels["group"] = alert.Groups[0];
        }

        return labels;
    }

    /// <summary>
    /// The alert to push at <paramref name="now"/>: a firing one ends <paramref name="validFor"/> from now unless it is sent
    /// again; a resolved one ends when its episode ended (or when it was resolved by hand).
    /// </summary>
    public static AlertmanagerAlert ToPostable(AlertView alert, DateTimeOffset now, TimeSpan validFor, string? dashboardUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var resolved = alert.Status == AlertStatuses.Resolved;
        var endsAt = resolved ? alert.End ?? alert.UpdatedAt ?? now : now + validFor;
        return new AlertmanagerAlert(Of(alert), Annotations(alert), alert.Start.ToUniversalTime(), Max(endsAt, alert.Start).ToUniversalTime(), GeneratorUrl(alert, dashboardUrl));
    }

    /// <summary><paramref name="alert"/>'s labels, ended at <paramref name="now"/>: what a label set the alert has left behind gets.</summary>
    public static AlertmanagerAlert Retired(AlertView alert, DateTimeOffset now, string? dashboardUrl)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new AlertmanagerAlert(Of(alert), Annotations(alert), alert.Start.ToUniversalTime(), Max(now, alert.Start).ToUniversalTime(), GeneratorUrl(alert, dashboardUrl));
    }

    private static Dictionary<string, string> Annotations(AlertView alert)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = Summary(alert),
            ["alert_id"] = alert.Id,
            ["status"] = alert.Status,
        };
        if (alert.Kind != OutageKind)
        {
            annotations["baseline_rate_per_day"] = Number(alert.BaselineRatePerDay);
            annotations["observed_rate_per_day"] = Number(alert.ObservedRatePerDay);
            annotations["z_score"] = Number(alert.ZScore);
            annotations["change"] = alert.Change.ToString(CultureInfo.InvariantCulture);
            annotations["relative_change"] = Number(alert.RelativeChange);
            annotations["peak_at"] = alert.PeakAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
            annotations["peak_followers"] = alert.PeakFollowers.ToString(CultureInfo.InvariantCulture);
        }

        if (alert.Groups.Count > 0)
        {
            annotations["groups"] = string.Join(',', alert.Groups);
        }

        Add(annotations, "reason", alert.Reason);
        Add(annotations, "incident_id", alert.IncidentId);
        Add(annotations, "acknowledged_by", alert.AcknowledgedBy);
        Add(annotations, "entity", alert.Entity);
        Add(annotations, "corroboration", alert.Corroboration?.Summary);
        return annotations;
    }

    private static string Summary(AlertView alert) => alert.Kind switch
    {
        OutageKind => $"{alert.Account} cannot be read: {alert.Reason ?? "every request fails"}",
        "stall" or "unavailable" => $"{alert.Kind} on {alert.Account}{(alert.Reason is null ? "" : $": {alert.Reason}")}",
        _ => string.Create(CultureInfo.InvariantCulture,
            $"{alert.Kind} on {alert.Account}: {alert.Change:+#,0;-#,0;0} followers ({alert.RelativeChange:+0.0%;-0.0%;0%}), {alert.ObservedRatePerDay:#,0}/day against a baseline of {alert.BaselineRatePerDay:#,0}/day, z {alert.ZScore:0.0}"),
    };

    private static string? GeneratorUrl(AlertView alert, string? dashboardUrl)
    {
        if (string.IsNullOrWhiteSpace(dashboardUrl))
        {
            return null;
        }

        var root = dashboardUrl.EndsWith('/') ? dashboardUrl : dashboardUrl + "/";
        return alert.Kind == OutageKind ? $"{root}#/alerts" : $"{root}#/accounts/{Uri.EscapeDataString(alert.Account)}";
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static void Add(Dictionary<string, string> annotations, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            annotations[name] = value;
        }
    }
}
