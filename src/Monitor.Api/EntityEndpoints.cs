using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Entities;
using Monitor.Core.Entities;
using Monitor.Grains.Entities;
using Monitor.Import;
using Orleans;

namespace Monitor.Api;

/// <summary>Entities (a person or an office owning accounts on several platforms): create, read, list, link, unlink, delete.</summary>
public static class EntityEndpoints
{
    /// <summary>Maps <c>/api/entities</c>.</summary>
    public static IEndpointRouteBuilder MapEntityEndpoints(this IEndpointRouteBuilder routes)
    {
        var entities = routes.MapGroup("/api/entities").WithTags("Entities");
        entities.MapReaderGet("/", ListAsync, "Every entity and the accounts it owns.");
        entities.MapAdminPost<CreateEntityRequest>("/", CreateAsync, "Creates an entity; 409 if the id exists or an account belongs to another entity.")
            .WithDescription($"The id is derived from the name when omitted. Bounds: name at most {EntityLimits.MaxNameLength} characters, at most {EntityLimits.MaxAccounts} accounts, {EntityLimits.MaxEntities} entities.");
        entities.MapReaderGet(
            "/{id}",
            GetAsync,
            "The entity with its accounts' summaries, combined reach (the sum of followers: audiences overlap), per-platform share and combined growth.");
        entities.MapAdminDelete("/{id}", DeleteAsync, "Deletes the entity; its accounts stay monitored.");
        entities.MapAdminPut("/{id}/accounts/{key}", LinkAsync, "Links an account to the entity; 409 if it belongs to another entity (unlink it there first).");
        entities.MapAdminDelete("/{id}/accounts/{key}", UnlinkAsync, "Unlinks an account from the entity; 404 if the entity does not own it.");
        routes.MapReaderGet(
            "/api/groups/{name}/ranking/entities",
            GroupEntityRanking.RankAsync,
            "The entities owning the group's members (all their accounts added up) and members in no entity, ranked by followers, posts, followersPerPost, growth1d, growth7d or growth30d.")
            .WithTags("Groups");
        routes.MapReaderGet("/api/dashboard/entities/{id}/series", GetSeriesAsync, "The daily follower histories of every account of the entity, for one chart on one time axis.")
            .WithTags("Dashboard");
        return routes;
    }

    private static IEntityRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<IEntityRegistryGrain>(IEntityRegistryGrain.Key);

    private static async Task<Ok<IReadOnlyList<Entity>>> ListAsync(IGrainFactory grains) => TypedResults.Ok(await Registry(grains).ListAsync());

    private static async Task<Results<Created<Entity>, ProblemHttpResult, ValidationProblem>> CreateAsync(HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateEntityRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Name) || body.Name.Length > EntityLimits.MaxNameLength)
        {
            return ApiProblems.InvalidField("name", body.Name, $"is required, at most {EntityLimits.MaxNameLength} characters");
        }

        var id = body.Id;
        if (id is null && !TryDeriveId(body.Name, out id))
        {
            return ApiProblems.InvalidField("name", body.Name, "needs a letter or digit to derive an id from; or give an id");
        }

        if (!EntityIds.IsValid(id, out var reason))
        {
            return ApiProblems.InvalidField("id", id, reason);
        }

        if (body.Kind is not null && !EntityLimits.Kinds.Contains(body.Kind))
        {
            return ApiProblems.InvalidField("kind", body.Kind, $"must be {AlertVocabulary.Describe([.. EntityLimits.Kinds])}");
        }

        var accounts = new List<string>();
        foreach (var (key, index) in (body.Accounts ?? []).Select((key, index) => (key, index)))
        {
            if (!AccountKeyRule.TryCanonicalize(key, out var account, out var keyReason))
            {
                return ApiProblems.InvalidField($"accounts[{index}]", key, keyReason);
            }

            accounts.Add(account);
        }

        if (accounts.Distinct(StringComparer.Ordinal).Count() > EntityLimits.MaxAccounts)
        {
            return ApiProblems.InvalidField("accounts", accounts.Count, $"must be at most {EntityLimits.MaxAccounts}");
        }

        var result = await Registry(grains).CreateAsync(new Entity(id!, body.Name.Trim(), body.Kind, accounts));
        return result.Outcome == EntityOutcome.Done
            ? TypedResults.Created($"/api/entities/{Uri.EscapeDataString(result.Entity!.Id)}", result.Entity)
            : Refused(result, id!);
    }

    private static async Task<Results<Ok<EntityDetail>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains)
    {
        var entity = await Registry(grains).GetAsync(id);
        if (entity is null)
        {
            return ApiProblems.NotFound("Entity", id);
        }

        return TypedResults.Ok(EntityFigures.Detail(entity, await EntityFigures.SummariesAsync(grains, entity.Accounts)));
    }

    private static async Task<Results<Ok<GroupSeries>, ProblemHttpResult>> GetSeriesAsync(string id, IGrainFactory grains)
    {
        var entity = await Registry(grains).GetAsync(id);
        if (entity is null)
        {
            return ApiProblems.NotFound("Entity", id);
        }

        var accounts = await EntityFigures.SummariesAsync(grains, entity.Accounts);
        var histories = await Task.WhenAll(accounts.Select(account =>
            grains.GetGrain<IAccountGrain>(account.Account).GetHistoryAsync(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddDays(1), HistoryResolution.Day)));
        return TypedResults.Ok(new GroupSeries(entity.Id, accounts.Select((account, i) => new GroupMemberSeries(
            account.Account,
            account.Profile.Handle,
            account.Profile.DisplayName,
            histories[i].Select(point => point.Timestamp.ToUnixTimeSeconds()).ToList(),
            histories[i].Select(point => point.Followers).ToList(),
            account.Profile.Tags ?? [])).ToList()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, IGrainFactory grains) =>
        await Registry(grains).DeleteAsync(id) ? TypedResults.NoContent() : ApiProblems.NotFound("Entity", id);

    private static async Task<Results<Ok<Entity>, ProblemHttpResult, ValidationProblem>> LinkAsync(string id, string key, IGrainFactory grains)
    {
        if (!AccountKeyRule.TryCanonicalize(key, out var account, out var reason))
        {
            return ApiProblems.InvalidField("key", key, reason);
        }

        var result = await Registry(grains).LinkAsync(id, account);
        return result.Outcome is EntityOutcome.Done or EntityOutcome.Unchanged ? TypedResults.Ok(result.Entity!) : Refused(result, id);
    }

    private static async Task<Results<Ok<Entity>, ProblemHttpResult, ValidationProblem>> UnlinkAsync(string id, string key, IGrainFactory grains)
    {
        if (!AccountKeyRule.TryCanonicalize(key, out var account, out var reason))
        {
            return ApiProblems.InvalidField("key", key, reason);
        }

        var result = await Registry(grains).UnlinkAsync(id, account);
        return result.Outcome switch
        {
            EntityOutcome.Done => TypedResults.Ok(result.Entity!),
            EntityOutcome.NotFound when result.Entity is not null => TypedResults.Problem(
                title: "Account not linked", detail: $"Entity '{id}' does not own account '{account}'.", statusCode: StatusCodes.Status404NotFound),
            _ => Refused(result, id),
        };
    }

    private static ProblemHttpResult Refused(EntityResult result, string id) => result.Outcome switch
    {
        EntityOutcome.Exists => ApiProblems.AlreadyExists("Entity", id, $"choose another id, or link accounts to it with PUT /api/entities/{id}/accounts/{{key}}"),
        EntityOutcome.AccountTaken => TypedResults.Problem(
            title: "Account belongs to another entity",
            detail: $"Account '{result.Account}' belongs to entity '{result.OwnedBy}'; an account belongs to at most one entity. Unlink it there first.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["account"] = result.Account, ["ownedBy"] = result.OwnedBy }),
        EntityOutcome.Full => ApiProblems.Conflict("Entity limit reached", $"At most {EntityLimits.MaxEntities} entities of at most {EntityLimits.MaxAccounts} accounts each are kept."),
        _ => ApiProblems.NotFound("Entity", id),
    };

    private static bool TryDeriveId(string name, out string? id)
    {
        try
        {
            id = EntityIds.FromName(name);
            return true;
        }
        catch (ArgumentException)
        {
            id = null;
            return false;
        }
    }
}
