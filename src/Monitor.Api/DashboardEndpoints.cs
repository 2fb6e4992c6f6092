using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Abstractions.Accounts;
using Monitor.AccessControl;
using Orleans;

namespace Monitor.Api;

/// <summary>
/// What the dashboard needs beyond the resource API: a sorted overview with sparklines, histories as columns, and
/// the histories of a group's members in one answer.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>Largest overview page.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Most members a group comparison returns (the largest by followers).</summary>
    public const int MaxGroupMembers = 25;

    /// <summary>Days of daily followers in a sparkline, ending at the account's latest observation.</summary>
    public const int SparklineDays = 30;

    /// <summary>What the overview can be sorted by.</summary>
    public static readonly string[] SortKeys =
    [
        "account", "platform", "handle", "displayName", "followers", "gain1d", "gain7d", "gain30d",
        "growth1d", "growth7d", "growth30d", "openAlerts", "lastObservedAt",
    ];

    /// <summary>Maps <c>/api/dashboard</c>.</summary>
    public static IEndpointRouteBuilder MapDashboardEndpoints(this IEndpointRouteBuilder routes)
    {
        var dashboard = routes.MapGroup("/api/dashboard").WithTags("Dashboard").RequireAuthorization(MonitorPolicies.Reader);
        dashboard.MapGet("/accounts", ListAccountsAsync)
            .WithSummary("Overview rows (figures, open alerts, a 30-day sparkline), filtered, sorted and paged.");
        dashboard.MapGet("/accounts/{key}/series", GetSeriesAsync)
            .WithSummary("An account's history as columns of Unix seconds, followers, following and posts.");
        dashboard.MapGet("/groups/{name}/series", GetGroupSeriesAsync)
            .WithSummary("The daily follower histories of a group's largest members.");
        return routes;
    }

    private static async Task<Results<Ok<DashboardAccountPage>, ValidationProblem>> ListAccountsAsync(
        IAccountDirectory directory,
        IGrainFactory grains,
        TimeProvider clock,
        string? platform,
        string? group,
        string? text,
        string? sort,
        bool? descending,
        int? offset,
        int? limit,
        bool? sparklines,
        CancellationToken cancellationToken)
    {
        var sortKey = sort ?? "account";
        if (!SortKeys.Contains(sortKey, StringComparer.Ordinal))
        {
            return ApiProblems.InvalidField("sort", sort, $"must be {AlertVocabulary.Describe(SortKeys)}");
        }

        if (offset is < 0)
        {
            return ApiProblems.InvalidField("offset", offset, "must be 0 or more");
        }

        if (ApiProblems.InvalidPageSize(limit, MaxPageSize) is { } badLimit)
        {
            return badLimit;
        }

        // The directory holds every summary in memory and filters there; sorting the matches costs the same again.
        var matches = await ListAllAsync(directory, new AccountListQuery(platform, group, null, text), cancellationToken);
        var ordered = Sort(matches, sortKey, descending ?? false);
        var pageOffset = offset ?? 0;
        var pageLimit = limit ?? 100;
        var page = ordered.Skip(pageOffset).Take(pageLimit).ToList();
        var lines = sparklines ?? true
            ? await Task.WhenAll(page.Select(summary => SparklineAsync(grains, summary)))
            : page.Select(_ => (IReadOnlyList<long>)[]).ToArray();
        var now = clock.GetUtcNow();
        var rows = page.Select((summary, i) => ToRow(summary, lines[i], now)).ToList();
        return TypedResults.Ok(new DashboardAccountPage(rows, matches.Count, pageOffset, pageLimit, sortKey, descending ?? false));
    }

    private static async Task<Results<Ok<HistorySeries>, ProblemHttpResult, ValidationProblem>> GetSeriesAsync(
        string key, DateTimeOffset? from, DateTimeOffset? to, string? resolution, IGrainFactory grains)
    {
        if (HistoryRequest.TryCreate(key, resolution, from, to, out var history) is { } problem)
        {
            return problem;
        }

        if (await history.ReadAsync(grains) is not { } points)
        {
            return ApiProblems.NotFound("Account", key);
        }

        return TypedResults.Ok(new HistorySeries(
            history.Account,
            history.Resolution.ToString().ToLowerInvariant(),
            points.Select(point => point.Timestamp.ToUnixTimeSeconds()).ToList(),
            points.Select(point => point.Followers).ToList(),
            points.Select(point => point.Following).ToList(),
            points.Select(point => point.Posts).ToList(),
            HistoryNote.Describe(history.Resolution, points)));
    }

    private static async Task<Results<Ok<GroupSeries>, ProblemHttpResult>> GetGroupSeriesAsync(
        string name, IAccountDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var members = await directory.GetGroupMembersAsync(name, cancellationToken);
        if (members.Count == 0)
        {
            return ApiProblems.NotFound("Group", name);
        }

        var largest = members.OrderByDescending(member => member.Followers ?? -1).Take(MaxGroupMembers).ToList();
        var histories = await Task.WhenAll(largest.Select(member =>
            grains.GetGrain<IAccountGrain>(member.Account).GetHistoryAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1), HistoryResolution.Day)));
        var series = largest.Select((member, i) => new GroupMemberSeries(
            member.Account,
            member.Profile.Handle,
            member.Profile.DisplayName,
            histories[i].Select(point => point.Timestamp.ToUnixTimeSeconds()).ToList(),
            histories[i].Select(point => point.Followers).ToList(),
            member.Profile.Tags ?? [])).ToList();
        return TypedResults.Ok(new GroupSeries(name, series));
    }

    private static async Task<List<AccountSummary>> ListAllAsync(IAccountDirectory directory, AccountListQuery query, CancellationToken cancellationToken)
    {
        const int chunk = 10_000;
        var all = new List<AccountSummary>();
        while (true)
        {
            var page = await directory.ListAsync(query with { Offset = all.Count, Limit = chunk }, cancellationToken);
            all.AddRange(page.Items);
            if (page.Items.Count < chunk || all.Count >= page.Total)
            {
                return all;
            }
        }
    }

    private static List<AccountSummary> Sort(List<AccountSummary> summaries, string key, bool descending)
    {
        // Accounts without a figure go last in either direction; ties keep the account order.
        IOrderedEnumerable<AccountSummary> ordered = key switch
        {
            "account" => OrderByText(summaries, summary => summary.Account, descending),
            "platform" => OrderByText(summaries, summary => summary.Platform, descending),
            "handle" => OrderByText(summaries, summary => summary.Profile.Handle, descending),
            "displayName" => OrderByText(summaries, summary => summary.Profile.DisplayName, descending),
            "followers" => OrderByNumber(summaries, summary => summary.Followers, descending),
            "gain1d" => OrderByNumber(summaries, summary => summary.Growth1d.NetChange, descending),
            "gain7d" => OrderByNumber(summaries, summary => summary.Growth7d.NetChange, descending),
            "gain30d" => OrderByNumber(summaries, summary => summary.Growth30d.NetChange, descending),
            "growth1d" => OrderByNumber(summaries, summary => summary.Growth1d.RelativeGrowth, descending),
            "growth7d" => OrderByNumber(summaries, summary => summary.Growth7d.RelativeGrowth, descending),
            "growth30d" => OrderByNumber(summaries, summary => summary.Growth30d.RelativeGrowth, descending),
            "openAlerts" => OrderByNumber(summaries, summary => (double?)summary.OpenEpisodes.Count, descending),
            "lastObservedAt" => OrderByNumber(summaries, summary => summary.LastObservedAt?.ToUnixTimeMilliseconds(), descending),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown sort key."),
        };
        return ordered.ThenBy(summary => summary.Account, StringComparer.Ordinal).ToList();
    }

    private static IOrderedEnumerable<AccountSummary> OrderByText(List<AccountSummary> summaries, Func<AccountSummary, string?> value, bool descending)
    {
        var present = summaries.OrderBy(summary => value(summary) is null);
        return descending
            ? present.ThenByDescending(value, StringComparer.OrdinalIgnoreCase)
            : present.ThenBy(value, StringComparer.OrdinalIgnoreCase);
    }

    private static IOrderedEnumerable<AccountSummary> OrderByNumber(List<AccountSummary> summaries, Func<AccountSummary, double?> value, bool descending)
    {
        var present = summaries.OrderBy(summary => value(summary) is null);
        return descending ? present.ThenByDescending(value) : present.ThenBy(value);
    }

    private static async Task<IReadOnlyList<long>> SparklineAsync(IGrainFactory grains, AccountSummary summary)
    {
        if (summary.LastObservedAt is not { } last)
        {
            return [];
        }

        var points = await grains.GetGrain<IAccountGrain>(summary.Account)
            .GetHistoryAsync(last.AddDays(-SparklineDays), last, HistoryResolution.Day);
        return points.Select(point => point.Followers).ToList();
    }

    private static DashboardAccountRow ToRow(AccountSummary summary, IReadOnlyList<long> sparkline, DateTimeOffset now) => new(
        summary.Account,
        summary.Platform,
        summary.Profile.Handle,
        summary.Profile.DisplayName,
        summary.Profile.Groups ?? [],
        summary.Followers,
        summary.Growth1d,
        summary.Growth7d,
        summary.Growth30d,
        summary.OpenEpisodes.Count,
        summary.LastObservedAt,
        sparkline,
        summary.Profile.Tags ?? [],
        AccountHealth.Of(summary, now),
        summary.Collection);
}
