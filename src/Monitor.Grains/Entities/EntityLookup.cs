using Monitor.Abstractions.Entities;

namespace Monitor.Grains.Entities;

/// <summary>
/// The entities of one alert hub call's accounts: read from the registry in one call per batch of accounts
/// (<see cref="PrefetchAsync"/>), each account then answered from memory; an account not prefetched is read on its own.
/// </summary>
public sealed class EntityLookup(IGrainFactory grains)
{
    private readonly Dictionary<string, Entity?> _known = new(StringComparer.Ordinal);

    private IEntityRegistryGrain Registry => grains.GetGrain<IEntityRegistryGrain>(IEntityRegistryGrain.Key);

    /// <summary>Reads the entities of the <paramref name="accounts"/> not known yet, in one registry call.</summary>
    public async Task PrefetchAsync(IEnumerable<string> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var missing = accounts.Where(account => !string.IsNullOrEmpty(account) && !_known.ContainsKey(account)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var found = await Registry.FindByAccountsAsync(missing);
        foreach (var account in missing)
        {
            _known[account] = found.GetValueOrDefault(account);
        }
    }

    /// <summary>The entity that owns <paramref name="account"/>, if any.</summary>
    public async Task<Entity?> FindAsync(string account)
    {
        if (!_known.TryGetValue(account, out var entity))
        {
            entity = await Registry.FindByAccountAsync(account);
            _known[account] = entity;
        }

        return entity;
    }
}
