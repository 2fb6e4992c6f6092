using System.Globalization;
using CsvHelper;

namespace Monitor.Reports;

/// <summary>The report's tables as CSV (RFC 4180, invariant culture): the three rankings, the top movers and the alerts.</summary>
public static class ReportCsvTables
{
    /// <summary>Tables that can be asked for: the ranking ids, <c>movers</c> and <c>alerts</c>.</summary>
    public static readonly string[] Names = [GroupReport.ByFollowers, GroupReport.ByGrowth, GroupReport.ByGrowthShare, "movers", "alerts"];

    /// <summary>Writes table <paramref name="name"/> (one of <see cref="Names"/>) of <paramref name="report"/>.</summary>
    public static void Write(GroupReport report, string name, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var csv = CsvWriter.Create(writer, options: null, leaveOpen: true);
        if (name == "alerts")
        {
            WriteAlerts(report, csv);
        }
        else
        {
            WriteRows(name == "movers" ? report.TopMovers : report.Ranking(name).Rows, csv);
        }

        csv.Flush();
    }

    private static void WriteRows(IReadOnlyList<ReportMemberRow> rows, CsvWriter csv)
    {
        foreach (var header in new[] { "rank", "account", "platform", "name", "followers_start", "followers_end", "change", "growth_percent", "synthetic", "source" })
        {
            csv.WriteField(header);
        }

        csv.EndRecord();
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            csv.WriteField(Number(index + 1));
            csv.WriteField(row.Account);
            csv.WriteField(row.Platform);
            csv.WriteField(row.Name);
            csv.WriteField(Number(row.FollowersAtStart));
            csv.WriteField(Number(row.FollowersAtEnd));
            csv.WriteField(Number(row.Change));
            csv.WriteField(row.ChangeShare is { } share ? (share * 100).ToString("0.####", CultureInfo.InvariantCulture) : null);
            csv.WriteField(row.Synthetic ? "true" : "false");
            csv.WriteField(row.Source);
            csv.EndRecord();
        }
    }

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static void WriteAlerts(GroupReport report, CsvWriter csv)
    {
        foreach (var header in new[] { "id", "account", "name", "kind", "severity", "status", "start", "end", "change", "change_percent", "incident", "synthetic" })
        {
            csv.WriteField(header);
        }

        csv.EndRecord();
        foreach (var item in report.Alerts)
        {
            var alert = item.Alert;
            csv.WriteField(alert.Id);
            csv.WriteField(alert.Account);
            csv.WriteField(item.AccountName);
            csv.WriteField(alert.Kind);
            csv.WriteField(alert.Severity);
            csv.WriteField(alert.Status);
            csv.WriteField(alert.Start.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            csv.WriteField(alert.End?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            csv.WriteField(Number(alert.Change));
            csv.WriteField((alert.RelativeChange * 100).ToString("0.####", CultureInfo.InvariantCulture));
            csv.WriteField(alert.IncidentId);
            csv.WriteField(item.Synthetic ? "true" : "false");
            csv.EndRecord();
        }
    }
}
