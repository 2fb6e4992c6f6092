using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>What one poll of an account by a collector found.</summary>
[GenerateSerializer, Alias("monitor.PollStatus")]
public enum PollStatus
{
    /// <summary>The counts were read.</summary>
    Ok,

    /// <summary>The platform does not know the account (deleted, or a wrong id).</summary>
    NotFound,

    /// <summary>The platform suspended or took down the account.</summary>
    Suspended,

    /// <summary>The account exists but its counts are not public (protected, private, hidden count).</summary>
    Hidden,

    /// <summary>The platform refused the request for rate or quota reasons.</summary>
    RateLimited,

    /// <summary>Anything else: a server error, a timeout, an unreadable answer, a rejected credential.</summary>
    Error,
}
