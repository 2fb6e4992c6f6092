using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Groups;
using Orleans;

namespace Monitor.Api;

/// <summary><c>GET /api/groups/{name}/ranking/entities</c>: a group's ranking by entity.</summary>
public static class GroupEntityRanking
{
    /// <summary>Ranks the entities of the group's members; 400 for an unknown order, 404 for an unknown group.</summary>
    public static async Task<Results<Ok<IReadOnlyList<EntityRankingEntry>>, ProblemHttpResult, ValidationProblem>> RankAsync(
        string name, string? by, IAccountDirectory directory, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var order = by ?? "followers";
        if (!GroupEndpoints.RankingOrders.Contains(order, StringComparer.Ordinal))
        {
            return ApiProblems.InvalidField("by", by, $"must be {AlertVocabulary.Describe(GroupEndpoints.RankingOrders)}");
        }

        var groups = await directory.ListGroupsAsync(cancellationToken);
        if (!groups.Any(group => string.Equals(group.Name, name, StringComparison.Ordinal)))
        {
            return ApiProblems.NotFound("Group", name);
        }

        return TypedResults.Ok(await grains.GetGrain<IAccountGroupGrain>(name).GetEntityRankingAsync(order));
    }
}
