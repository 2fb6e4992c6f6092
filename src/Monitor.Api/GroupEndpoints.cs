using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Groups;
using Monitor.AccessControl;
using Orleans;

namespace Monitor.Api;

/// <summary>Groups of accounts and their rankings.</summary>
public static class GroupEndpoints
{
    /// <summary>What a ranking can be ordered by.</summary>
    public static readonly string[] RankingOrders = ["followers", "posts", "followersPerPost", "growth1d", "growth7d", "growth30d"];

    /// <summary>Maps <c>/api/groups</c>.</summary>
    public static IEndpointRouteBuilder MapGroupEndpoints(this IEndpointRouteBuilder routes)
    {
        var groups = routes.MapGroup("/api/groups").WithTags("Groups").RequireAuthorization(MonitorPolicies.Reader);
        groups.MapGet("/", ListAsync).WithSummary("Groups and how many members each has.");
        groups.MapGet("/{name}/ranking", RankAsync)
            .WithSummary("The group's members ranked by followers, posts, followersPerPost, growth1d, growth7d or growth30d.");
        return groups;
    }

    private static async Task<Ok<IReadOnlyList<GroupInfo>>> ListAsync(IAccountDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListGroupsAsync(cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<RankingEntry>>, ProblemHttpResult, ValidationProblem>> RankAsync(
        string name, string? by, IAccountDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var order = by ?? "followers";
        if (!RankingOrders.Contains(order, StringComparer.Ordinal))
        {
            return ApiProblems.InvalidField("by", by, $"must be {AlertVocabulary.Describe(RankingOrders)}");
        }

        var groups = await directory.ListGroupsAsync(cancellationToken);
        if (!groups.Any(group => string.Equals(group.Name, name, StringComparison.Ordinal)))
        {
            return ApiProblems.NotFound("Group", name);
        }

        return TypedResults.Ok(await grains.GetGrain<IAccountGroupGrain>(name).GetRankingAsync(order));
    }
}
