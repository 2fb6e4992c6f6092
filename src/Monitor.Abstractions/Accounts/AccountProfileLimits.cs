namespace Monitor.Abstractions.Accounts;

/// <summary>The largest profile the API stores: every text and list of an <see cref="AccountProfile"/> is bounded.</summary>
public static class AccountProfileLimits
{
    /// <summary>Longest handle, in characters.</summary>
    public const int MaxHandleLength = 100;

    /// <summary>Longest display name, in characters.</summary>
    public const int MaxDisplayNameLength = 200;

    /// <summary>Most groups (and, separately, tags) of one account.</summary>
    public const int MaxListCount = 50;

    /// <summary>Longest group or tag name, in characters.</summary>
    public const int MaxNameLength = 100;
}
