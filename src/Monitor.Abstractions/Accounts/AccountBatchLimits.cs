namespace Monitor.Abstractions.Accounts;

/// <summary>Bounds of one <c>POST /api/accounts/batch</c>; a batch beyond either is answered 413.</summary>
public static class AccountBatchLimits
{
    /// <summary>Most items one batch may carry.</summary>
    public const int MaxItems = 10_000;

    /// <summary>Largest body in bytes.</summary>
    public const long MaxBodyBytes = 16 * 1024 * 1024;
}
