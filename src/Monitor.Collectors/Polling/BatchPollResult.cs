namespace Monitor.Collectors.Polling;

/// <summary>The result of polling one batch: a result per target (always one each), how the requests went, and rate-limit headers.</summary>
public sealed record BatchPollResult(IReadOnlyList<AccountPollResult> Accounts, RequestOutcome Outcome, string? Reason, RateLimitInfo RateLimit);
