using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Abstractions.Entities;
using Monitor.Grains.Alerts;
using Monitor.Grains.Entities;
using Monitor.Reports;
using Orleans;

namespace Monitor.Reports.Web;

/// <summary>
/// Asks the directory, the entity registry, the account grains and the alert hub for what a report of a group or an entity
/// list is computed from.
/// </summary>
public sealed class ReportDataLoader(IAccountDirectory directory, IGrainFactory grains, TimeProvider time)
{
    private const int AlertPageSize = 1_000;

    /// <summary>The group's report over <paramref name="period"/>, or null when the group has no members.</summary>
    public Task<GroupReport?> LoadAsync(string group, ReportPeriod period, CancellationToken cancellationToken) =>
        LoadAsync(ReportSubject.Group(group), period, cancellationToken);

    /// <summary>
    /// The report of <paramref name="subject"/> over <paramref name="period"/>: null when a group has no members or an entity
    /// of the list does not exist (<see cref="MissingEntitiesAsync"/> says which).
    /// </summary>
    public async Task<GroupReport?> LoadAsync(ReportSubject subject, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var entities = await grains.GetGrain<IEntityRegistryGrain>(IEntityRegistryGrain.Key).ListAsync().ConfigureAwait(false);
        IReadOnlyList<AccountSummary> members;
        if (subject.Kind == ReportSubject.GroupKind)
        {
            members = await directory.GetGroupMembersAsync(subject.Id, cancellationToken).ConfigureAwait(false);
            if (members.Count == 0)
            {
                return null;
            }
        }
        else
        {
            var listed = subject.EntityIds.Select(id => entities.FirstOrDefault(entity => entity.Id == id)).ToList();
            if (listed.Any(entity => entity is null))
            {
                return null;
            }

            subject = subject with { Title = string.Join(", ", listed.Select(entity => entity!.Name)) };
            members = await EntityFigures.SummariesAsync(grains, listed.SelectMany(entity => entity!.Accounts).Distinct(StringComparer.Ordinal)).ConfigureAwait(false);
        }

        var memberKeys = members.Select(member => member.Account).ToHashSet(StringComparer.Ordinal);
        var owners = entities.Where(entity => entity.Accounts.Any(memberKeys.Contains)).ToList();
        var others = await EntityFigures.SummariesAsync(grains, owners.SelectMany(entity => entity.Accounts).Where(account => !memberKeys.Contains(account)).Distinct(StringComparer.Ordinal)).ConfigureAwait(false);

        var hub = grains.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);
        var alerts = subject.Kind == ReportSubject.GroupKind
            ? await ReadAlertsAsync(hub, new AlertQuery(Group: subject.Id), period, cancellationToken).ConfigureAwait(false)
            : await ReadAccountAlertsAsync(hub, memberKeys, period, cancellationToken).ConfigureAwait(false);
        var incidents = await hub.ListIncidentsAsync().ConfigureAwait(false);
        var (from, to) = GroupReportBuilder.HistoryWindow(period, alerts);
        var accounts = await WithHistoryAsync(members, from, to).ConfigureAwait(false);
        var entityAccounts = await WithHistoryAsync(others, from, to).ConfigureAwait(false);
        return GroupReportBuilder.Build(new ReportInput(subject, period, time.GetUtcNow(), accounts, alerts, incidents, owners, entityAccounts));
    }

    /// <summary>The ids of <paramref name="ids"/> that name no entity.</summary>
    public async Task<IReadOnlyList<string>> MissingEntitiesAsync(IEnumerable<string> ids)
    {
        var entities = await grains.GetGrain<IEntityRegistryGrain>(IEntityRegistryGrain.Key).ListAsync().ConfigureAwait(false);
        return ids.Where(id => !entities.Any(entity => entity.Id == id)).ToList();
    }

    private async Task<List<ReportAccountInput>> WithHistoryAsync(IReadOnlyList<AccountSummary> summaries, DateTimeOffset from, DateTimeOffset to)
    {
        var histories = await Task.WhenAll(summaries.Select(member =>
            grains.GetGrain<IAccountGrain>(member.Account).GetHistoryAsync(from, to, HistoryResolution.Day))).ConfigureAwait(false);
        return summaries.Select((member, i) => new ReportAccountInput(member, histories[i])).ToList();
    }

    // An entity list's alerts by account: an alert raised before its account was linked carries no entity group.
    private static async Task<List<AlertView>> ReadAccountAlertsAsync(IAlertHubGrain hub, IEnumerable<string> accounts, ReportPeriod period, CancellationToken cancellationToken)
    {
        var found = new List<AlertView>();
        foreach (var account in accounts.Order(StringComparer.Ordinal))
        {
            found.AddRange(await ReadAlertsAsync(hub, new AlertQuery(Account: account), period, cancellationToken).ConfigureAwait(false));
        }

        return found;
    }

    // Newest first, paged.
    private static async Task<List<AlertView>> ReadAlertsAsync(IAlertHubGrain hub, AlertQuery query, ReportPeriod period, CancellationToken cancellationToken)
    {
        var found = new List<AlertView>();
        string? cursor = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await hub.QueryAsync(query with { Cursor = cursor, Limit = AlertPageSize }).ConfigureAwait(false);
            found.AddRange(page.Items.Where(alert => period.Overlaps(alert.Start, alert.End)));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return found;
    }
}
