using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Reports;
using Orleans;

namespace Monitor.Reports.Web;

/// <summary>Asks the directory, the account grains and the alert hub for what a group report is computed from.</summary>
public sealed class ReportDataLoader(IAccountDirectory directory, IGrainFactory grains, TimeProvider time)
{
    private const int AlertPageSize = 1_000;

    /// <summary>The group's report over <paramref name="period"/>, or null when the group has no members.</summary>
    public async Task<GroupReport?> LoadAsync(string group, ReportPeriod period, CancellationToken cancellationToken)
    {
        var members = await directory.GetGroupMembersAsync(group, cancellationToken).ConfigureAwait(false);
        if (members.Count == 0)
        {
            return null;
        }

        var hub = grains.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);
        var alerts = await ReadAlertsAsync(hub, group, period, cancellationToken).ConfigureAwait(false);
        var incidents = await hub.ListIncidentsAsync().ConfigureAwait(false);
        var (from, to) = GroupReportBuilder.HistoryWindow(period, alerts);
        var histories = await Task.WhenAll(members.Select(member =>
            grains.GetGrain<IAccountGrain>(member.Account).GetHistoryAsync(from, to, HistoryResolution.Day))).ConfigureAwait(false);
        var accounts = members.Select((member, i) => new ReportAccountInput(member, histories[i])).ToList();
        return GroupReportBuilder.Build(new ReportInput(group, period, time.GetUtcNow(), accounts, alerts, incidents));
    }

    // Newest first, paged; pages stop once alerts started before the history any report could show.
    private static async Task<List<AlertView>> ReadAlertsAsync(IAlertHubGrain hub, string group, ReportPeriod period, CancellationToken cancellationToken)
    {
        var found = new List<AlertView>();
        string? cursor = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await hub.QueryAsync(new AlertQuery(Group: group, Cursor: cursor, Limit: AlertPageSize)).ConfigureAwait(false);
            found.AddRange(page.Items.Where(alert => period.Overlaps(alert.Start, alert.End)));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return found;
    }
}
