using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;

namespace Monitor.Reports;

/// <summary>Computes a <see cref="GroupReport"/> (of a group or an entity list) from what the grains answered; pure, no I/O.</summary>
public static class GroupReportBuilder
{
    /// <summary>How many members the top movers list.</summary>
    public const int TopMoverCount = 5;

    /// <summary>Days of history a chart shows before and after its episode.</summary>
    public static readonly TimeSpan ChartMargin = TimeSpan.FromDays(14);

    /// <summary>
    /// The span of daily history a report over <paramref name="period"/> needs from each member: from before the earliest
    /// alert overlapping it to after the latest one's end, so that every chart has its margins.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) HistoryWindow(ReportPeriod period, IEnumerable<AlertView> alerts)
    {
        ArgumentNullException.ThrowIfNull(period);
        var overlapping = alerts.Where(alert => period.Overlaps(alert.Start, alert.End)).ToList();
        var from = overlapping.Select(alert => alert.Start).Append(period.Start).Min() - ChartMargin;
        var to = overlapping.Select(alert => alert.End ?? period.End).Append(period.End).Max() + ChartMargin;
        return (from, to);
    }

    /// <summary>Builds the report.</summary>
    public static GroupReport Build(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var period = input.Period;
        var accounts = input.Accounts.ToDictionary(account => account.Summary.Account, StringComparer.Ordinal);
        var members = input.Accounts.Select(account => MemberRow(account, period)).OrderBy(row => row.Account, StringComparer.Ordinal).ToList();
        var everyRow = members.Concat((input.EntityAccounts ?? []).Where(account => !accounts.ContainsKey(account.Summary.Account)).Select(account => MemberRow(account, period)))
            .DistinctBy(row => row.Account, StringComparer.Ordinal)
            .ToDictionary(row => row.Account, StringComparer.Ordinal);

        var rankings = new List<ReportRanking>
        {
            Rank(GroupReport.ByFollowers, "By followers at the end of the period", members, row => row.FollowersAtEnd),
            Rank(GroupReport.ByGrowth, "By followers gained", members, row => row.Change),
            Rank(GroupReport.ByGrowthShare, "By growth (%)", members, row => row.ChangeShare),
        };

        var movers = members.Where(row => row.ChangeShare is not null)
            .OrderByDescending(row => Math.Abs(row.ChangeShare!.Value))
            .ThenBy(row => row.Account, StringComparer.Ordinal)
            .Take(TopMoverCount)
            .ToList();

        var alerts = input.Alerts
            .Where(alert => accounts.ContainsKey(alert.Account) && period.Overlaps(alert.Start, alert.End))
            .OrderBy(alert => alert.Start).ThenBy(alert => alert.Id, StringComparer.Ordinal)
            .Select(alert => new ReportAlertItem(
                alert, NameOf(accounts[alert.Account].Summary), IsSynthetic(accounts[alert.Account].Summary),
                Chart(period, alert.Start, alert.End, [accounts[alert.Account]])))
            .ToList();

        var incidents = input.Incidents
            .Where(incident => input.Subject.OwnsIncidentGroup(incident.Group) && period.Overlaps(incident.Start, incident.End))
            .OrderBy(incident => incident.Start).ThenBy(incident => incident.Id, StringComparer.Ordinal)
            .Select(incident =>
            {
                var involved = incident.Accounts.Where(accounts.ContainsKey).Select(key => accounts[key]).ToList();
                return new ReportIncidentItem(incident, involved.Select(account => NameOf(account.Summary)).ToList(), Chart(period, incident.Start, incident.End, involved));
            })
            .ToList();

        var sources = new ReportSources(
            members.Select(row => row.Platform).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            members.Count(row => row.Source == ReportSources.Collector),
            members.Count(row => row.Source == ReportSources.Imported),
            members.Count(row => row.Synthetic));

        var entities = EntityComparisonBuilder.Build(input.Entities ?? [], members, everyRow);
        return new GroupReport(input.Subject, period, input.GeneratedAt, members, rankings, movers, alerts, incidents, sources, entities);
    }

    /// <summary>The name a reader knows an account by: its display name, else its handle, else its key.</summary>
    public static string NameOf(AccountSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Profile.DisplayName ?? summary.Profile.Handle ?? summary.Account;
    }

    /// <summary>Whether the account's history is generated (tagged <see cref="AccountTags.Synthetic"/>).</summary>
    public static bool IsSynthetic(AccountSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return summary.Profile.Tags?.Contains(AccountTags.Synthetic, StringComparer.Ordinal) == true;
    }

    private static ReportMemberRow MemberRow(ReportAccountInput account, ReportPeriod period)
    {
        var summary = account.Summary;
        var inReach = account.DailyHistory.Where(point => point.Timestamp < period.End).OrderBy(point => point.Timestamp).ToList();
        // A daily point is stamped with its day's start and holds the day's last count, so the count the period starts from
        // is the day before it (else the period's first point, for an account that began inside it).
        var atStart = inReach.LastOrDefault(point => point.Timestamp < period.Start) ?? inReach.FirstOrDefault(point => point.Timestamp >= period.Start);
        var atEnd = inReach.LastOrDefault(point => point.Timestamp >= period.Start);
        long? change = atStart is not null && atEnd is not null ? atEnd.Followers - atStart.Followers : null;
        double? share = change is not null && atStart!.Followers > 0 ? (double)change.Value / atStart.Followers : null;
        return new ReportMemberRow(
            summary.Account,
            summary.Platform,
            NameOf(summary),
            atStart?.Followers,
            atEnd?.Followers,
            change,
            share,
            IsSynthetic(summary),
            summary.Collection is null ? ReportSources.Imported : ReportSources.Collector);
    }

    // Highest first; ties by account key so the order is stable.
    private static ReportRanking Rank<T>(string id, string title, List<ReportMemberRow> members, Func<ReportMemberRow, T?> figure)
        where T : struct, IComparable<T> =>
        new(id, title, members.Where(row => figure(row) is not null)
            .OrderByDescending(row => figure(row)!.Value)
            .ThenBy(row => row.Account, StringComparer.Ordinal)
            .ToList());

    private static ReportChart Chart(ReportPeriod period, DateTimeOffset start, DateTimeOffset? end, IReadOnlyList<ReportAccountInput> accounts)
    {
        var bandEnd = end ?? period.End;
        var from = (start < period.Start ? start : period.Start) - ChartMargin;
        var to = bandEnd + ChartMargin > period.End ? bandEnd + ChartMargin : period.End;
        var series = accounts.Select(account => new ReportChartSeries(
            NameOf(account.Summary),
            IsSynthetic(account.Summary),
            account.DailyHistory.Where(point => point.Timestamp >= from && point.Timestamp <= to)
                .OrderBy(point => point.Timestamp)
                .Select(point => new ReportChartPoint(point.Timestamp, point.Followers)).ToList())).ToList();
        return new ReportChart(from, to, start, bandEnd, series);
    }
}
