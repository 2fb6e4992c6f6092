using Monitor.Abstractions.Entities;
using Monitor.Core.Entities;

namespace Monitor.Grains.Entities;

/// <summary>
/// Every entity in one persisted state (key <see cref="IEntityRegistryGrain.Key"/>). One activation, one turn at a time:
/// the check that an account has no other owner and the write that links it cannot interleave, on any storage provider.
/// Entities are named by hand (thousands at most, <see cref="EntityLimits"/>), so one state row and an in-memory index of
/// owners serve every read, including the alert hub's on each spike or surge.
/// </summary>
[GrainType("entities")]
public sealed class EntityRegistryGrain(
    [PersistentState("entities", StorageServiceCollectionExtensions.DefaultProviderName)] IPersistentState<EntityRegistryState> state)
    : Grain, IEntityRegistryGrain
{
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entity in state.State.Entities.Values)
        {
            foreach (var account in entity.Accounts)
            {
                _owners[account] = entity.Id;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<EntityResult> CreateAsync(Entity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        Check(entity);
        if (state.State.Entities.TryGetValue(entity.Id, out var existing))
        {
            return new EntityResult(EntityOutcome.Exists, existing);
        }

        if (state.State.Entities.Count >= EntityLimits.MaxEntities || entity.Accounts.Distinct(StringComparer.Ordinal).Count() > EntityLimits.MaxAccounts)
        {
            return new EntityResult(EntityOutcome.Full, null);
        }

        if (entity.Accounts.FirstOrDefault(_owners.ContainsKey) is { } taken)
        {
            return new EntityResult(EntityOutcome.AccountTaken, null, taken, _owners[taken]);
        }

        var created = entity with { Accounts = entity.Accounts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList() };
        Put(created);
        await state.WriteStateAsync();
        return new EntityResult(EntityOutcome.Done, created);
    }

    /// <inheritdoc />
    public Task<Entity?> GetAsync(string id) => Task.FromResult(state.State.Entities.GetValueOrDefault(id));

    /// <inheritdoc />
    public Task<IReadOnlyList<Entity>> ListAsync() =>
        Task.FromResult<IReadOnlyList<Entity>>(state.State.Entities.Values.OrderBy(entity => entity.Id, StringComparer.Ordinal).ToList());

    /// <inheritdoc />
    public Task<Entity?> FindByAccountAsync(string account) =>
        Task.FromResult(_owners.TryGetValue(account, out var id) ? state.State.Entities[id] : null);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, Entity>> FindByAccountsAsync(IReadOnlyList<string> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var found = new Dictionary<string, Entity>(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            if (_owners.TryGetValue(account, out var id))
            {
                found[account] = state.State.Entities[id];
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, Entity>>(found);
    }

    /// <inheritdoc />
    public async Task<EntityResult> LinkAsync(string id, string account)
    {
        var result = Link(id, account);
        if (result.Outcome == EntityOutcome.Done)
        {
            await state.WriteStateAsync();
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<EntityResult> UnlinkAsync(string id, string account)
    {
        if (!state.State.Entities.TryGetValue(id, out var entity))
        {
            return new EntityResult(EntityOutcome.NotFound, null);
        }

        if (!entity.Accounts.Contains(account, StringComparer.Ordinal))
        {
            return new EntityResult(EntityOutcome.NotFound, entity, account);
        }

        var unlinked = entity with { Accounts = entity.Accounts.Where(owned => owned != account).ToList() };
        state.State.Entities[id] = unlinked;
        _owners.Remove(account);
        await state.WriteStateAsync();
        return new EntityResult(EntityOutcome.Done, unlinked);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string id)
    {
        if (!state.State.Entities.Remove(id, out var entity))
        {
            return false;
        }

        foreach (var account in entity.Accounts)
        {
            _owners.Remove(account);
        }

        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntityResult>> AssignAsync(IReadOnlyList<EntityAssignment> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var results = new List<EntityResult>(assignments.Count);
        foreach (var assignment in assignments)
        {
            var id = EntityIds.FromName(assignment.Name);
            if (!state.State.Entities.ContainsKey(id))
            {
                if (state.State.Entities.Count >= EntityLimits.MaxEntities)
                {
                    results.Add(new EntityResult(EntityOutcome.Full, null, assignment.Account));
                    continue;
                }

                var name = assignment.Name.Trim();
                Put(new Entity(id, name.Length > EntityLimits.MaxNameLength ? name[..EntityLimits.MaxNameLength] : name, null, []));
            }

            results.Add(Link(id, assignment.Account));
        }

        // One write for the whole import (creations included), even when every link was already there.
        await state.WriteStateAsync();
        return results;
    }

    private EntityResult Link(string id, string account)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        if (!state.State.Entities.TryGetValue(id, out var entity))
        {
            return new EntityResult(EntityOutcome.NotFound, null);
        }

        if (_owners.TryGetValue(account, out var owner))
        {
            return owner == id
                ? new EntityResult(EntityOutcome.Unchanged, entity)
                : new EntityResult(EntityOutcome.AccountTaken, entity, account, owner);
        }

        if (entity.Accounts.Count >= EntityLimits.MaxAccounts)
        {
            return new EntityResult(EntityOutcome.Full, entity, account);
        }

        var linked = entity with { Accounts = entity.Accounts.Append(account).Order(StringComparer.Ordinal).ToList() };
        Put(linked);
        return new EntityResult(EntityOutcome.Done, linked);
    }

    private void Put(Entity entity)
    {
        state.State.Entities[entity.Id] = entity;
        foreach (var account in entity.Accounts)
        {
            _owners[account] = entity.Id;
        }
    }

    private static void Check(Entity entity)
    {
        if (!EntityIds.IsValid(entity.Id, out var reason))
        {
            throw new ArgumentException($"The entity id {reason}.", nameof(entity));
        }

        if (string.IsNullOrWhiteSpace(entity.Name) || entity.Name.Length > EntityLimits.MaxNameLength)
        {
            throw new ArgumentException($"An entity needs a name of at most {EntityLimits.MaxNameLength} characters.", nameof(entity));
        }

        if (entity.Kind is not null && !EntityLimits.Kinds.Contains(entity.Kind))
        {
            throw new ArgumentException($"An entity's kind is {string.Join(" or ", EntityLimits.Kinds)}.", nameof(entity));
        }

        ArgumentNullException.ThrowIfNull(entity.Accounts);
    }
}
