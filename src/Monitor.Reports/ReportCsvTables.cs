using System.Globalization;
using CsvHelper;

namespace Monitor.Reports;

/// <summary>The report's tables as CSV (RFC 4180, invariant culture): the three rankings, the top movers, the entity comparison and the alerts.</summary>
public static class ReportCsvTables
{
    /// <summary>The entity comparison's table.</summary>
    public const string Entities = "entities";

    /// <summary>Tables that can be asked for: the ranking ids, <c>movers</c>, <c>entities</c> and <c>alerts</c>.</summary>
    public static readonly string[] Names = [GroupReport.ByFollowers, GroupReport.ByGrowth, GroupReport.ByGrowthShare, "movers", Entities, "alerts"];

    /// <summary>Writes table <paramref name="name"/> (one of <see cref="Names"/>) of <paramref name="report"/>.</summary>
    public static void Write(GroupReport report, string name, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var csv = CsvWriter.Create(writer, options: null, leaveOpen: true);
        if (name == "alerts")
        {
            WriteAlerts(report, csv);
        }
        else if (name == Entities)
        {
            WriteEntities(report.Entities, csv);
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
            csv.WriteField(Percent(row.ChangeShare));
            csv.WriteField(row.Synthetic ? "true" : "false");
            csv.WriteField(row.Source);
            csv.EndRecord();
        }
    }

    // One row per entity, ranked by combined followers; a share_<platform> column per platform of any row (empty where it has none).
    private static void WriteEntities(EntityComparison comparison, CsvWriter csv)
    {
        var platforms = comparison.Rows.SelectMany(row => row.Platforms).Select(platform => platform.Platform).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var header in new[] { "rank", "entity", "name", "kind", "accounts", "accounts_with_data", "followers_start", "followers_end", "change", "growth_percent", "growth_rank", "synthetic" }
            .Concat(platforms.Select(platform => "share_" + platform)))
        {
            csv.WriteField(header);
        }

        csv.EndRecord();
        for (var index = 0; index < comparison.Rows.Count; index++)
        {
            var row = comparison.Rows[index];
            csv.WriteField(Number(index + 1));
            csv.WriteField(row.Entity);
            csv.WriteField(row.Name);
            csv.WriteField(row.Kind);
            csv.WriteField(string.Join(' ', row.Accounts));
            csv.WriteField(Number(row.AccountsWithData));
            csv.WriteField(Number(row.FollowersAtStart));
            csv.WriteField(Number(row.FollowersAtEnd));
            csv.WriteField(Number(row.Change));
            csv.WriteField(Percent(row.ChangeShare));
            csv.WriteField(Number(row.GrowthRank));
            csv.WriteField(row.Synthetic ? "true" : "false");
            foreach (var platform in platforms)
            {
                csv.WriteField(Percent(row.Platforms.FirstOrDefault(share => share.Platform == platform)?.Share));
            }

            csv.EndRecord();
        }
    }

    private static string? Percent(double? share) => share is { } value ? (value * 100).ToString("0.####", CultureInfo.InvariantCulture) : null;

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
