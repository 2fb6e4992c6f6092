using Orleans;
using Orleans.Concurrency;

namespace Monitor.Abstractions.Entities;

/// <summary>
/// Every entity of the installation and which account each owns (one activation, key <see cref="Key"/>): one turn at a
/// time is what keeps an account in at most one entity.
/// </summary>
[Alias("monitor.IEntityRegistryGrain")]
public interface IEntityRegistryGrain : IGrainWithStringKey
{
    /// <summary>The grain's only key.</summary>
    const string Key = "all";

    /// <summary>Creates an entity with its accounts (checked id, name, kind and canonical account keys).</summary>
    [Alias("CreateAsync")]
    Task<EntityResult> CreateAsync(Entity entity);

    [Alias("GetAsync")]
    [ReadOnly]
    Task<Entity?> GetAsync(string id);

    /// <summary>Every entity, by id.</summary>
    [Alias("ListAsync")]
    [ReadOnly]
    Task<IReadOnlyList<Entity>> ListAsync();

    /// <summary>The entity that owns <paramref name="account"/>, if any.</summary>
    [Alias("FindByAccountAsync")]
    [ReadOnly]
    Task<Entity?> FindByAccountAsync(string account);

    /// <summary>The entity of each of <paramref name="accounts"/> that belongs to one, by account (the alert hub's one call per batch).</summary>
    [Alias("FindByAccountsAsync")]
    [ReadOnly]
    Task<IReadOnlyDictionary<string, Entity>> FindByAccountsAsync(IReadOnlyList<string> accounts);

    /// <summary>Links an account to the entity; <see cref="EntityOutcome.AccountTaken"/> when another entity owns it.</summary>
    [Alias("LinkAsync")]
    Task<EntityResult> LinkAsync(string id, string account);

    /// <summary>Unlinks an account; <see cref="EntityOutcome.NotFound"/> when the entity does not own it.</summary>
    [Alias("UnlinkAsync")]
    Task<EntityResult> UnlinkAsync(string id, string account);

    /// <summary>Deletes the entity (its accounts stay monitored); false when there is none.</summary>
    [Alias("DeleteAsync")]
    Task<bool> DeleteAsync(string id);

    /// <summary>
    /// Applies an import's assignments in one write: creates missing entities, links accounts; returns one result per
    /// assignment, in order (an account another entity owns is refused, as a link is).
    /// </summary>
    [Alias("AssignAsync")]
    Task<IReadOnlyList<EntityResult>> AssignAsync(IReadOnlyList<EntityAssignment> assignments);
}
