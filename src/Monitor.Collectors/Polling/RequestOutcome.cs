namespace Monitor.Collectors.Polling;

/// <summary>How a request to a platform went as a whole (the per-account findings are in the account results).</summary>
public enum RequestOutcome
{
    /// <summary>The platform answered; each account has its own status.</summary>
    Ok,

    /// <summary>429, or a quota error: nothing was read; wait until <see cref="RateLimitInfo.RetryAt"/>.</summary>
    RateLimited,

    /// <summary>A server error, a timeout, a connection failure or an unreadable answer: counts against the circuit breaker.</summary>
    Failed,

    /// <summary>The credential was rejected (401/403) or is missing: retrying soon will not help.</summary>
    Unauthorized,

    /// <summary>The gate refused the request (budget spent): nothing was sent.</summary>
    NotSent,
}
