namespace Monitor.AccessControl;

/// <summary>What a request to revoke an API key did.</summary>
public enum KeyRevocation
{
    /// <summary>The key is revoked (now, or it was already).</summary>
    Revoked,

    /// <summary>There is no key with that id.</summary>
    NotFound,

    /// <summary>Refused: it is the last active admin key (only the offline command line may force it).</summary>
    LastAdmin,
}
