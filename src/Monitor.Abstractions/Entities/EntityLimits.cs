namespace Monitor.Abstractions.Entities;

/// <summary>The bounds of the entity registry: entities are people and offices named by hand, not a time series.</summary>
public static class EntityLimits
{
    /// <summary>Most entities kept.</summary>
    public const int MaxEntities = 10_000;

    /// <summary>Most accounts one entity owns.</summary>
    public const int MaxAccounts = 100;

    /// <summary>Longest entity id, in characters.</summary>
    public const int MaxIdLength = 100;

    /// <summary>Longest entity name, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The kinds an entity may have.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["person", "office"];
}
