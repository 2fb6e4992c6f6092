namespace Monitor.Core.Collection;

/// <summary>How one poll of an account went, as far as alerting cares.</summary>
public enum CollectionResult
{
    /// <summary>The counts were read.</summary>
    Ok,

    /// <summary>The platform says the account cannot be read: suspended, deleted, not found, protected or hidden.</summary>
    Unavailable,

    /// <summary>The poll failed for a reason on our side or the platform's (error, rate limit, timeout); the account may be fine.</summary>
    Failed,
}
