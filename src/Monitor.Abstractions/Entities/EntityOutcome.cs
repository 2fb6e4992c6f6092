namespace Monitor.Abstractions.Entities;

/// <summary>What a change to the entity registry did, or why it did nothing.</summary>
public enum EntityOutcome
{
    /// <summary>The change was made.</summary>
    Done,

    /// <summary>Nothing to change: the registry already said so (a link repeated, for example).</summary>
    Unchanged,

    /// <summary>No entity has that id (or the account is not linked to it).</summary>
    NotFound,

    /// <summary>An entity with that id exists already.</summary>
    Exists,

    /// <summary>An account belongs to another entity; unlink it there first.</summary>
    AccountTaken,

    /// <summary>The registry or the entity is full (<see cref="EntityLimits"/>).</summary>
    Full,
}
