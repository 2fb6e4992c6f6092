using Monitor.Abstractions.Entities;

namespace Monitor.Grains.Entities;

/// <summary>The persisted entities by id (which entity owns an account is derived from them on activation).</summary>
public sealed class EntityRegistryState
{
    /// <summary>Every entity by id.</summary>
    public Dictionary<string, Entity> Entities { get; set; } = new(StringComparer.Ordinal);
}
