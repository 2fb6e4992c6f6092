namespace Monitor.Collectors.Polling;

/// <summary>What a platform's response said about its rate limit: requests left in the window, when the window resets, and when to retry after a 429.</summary>
public sealed record RateLimitInfo(long? Remaining = null, DateTimeOffset? ResetAt = null, DateTimeOffset? RetryAt = null)
{
    /// <summary>No rate-limit information.</summary>
    public static RateLimitInfo None { get; } = new();
}
