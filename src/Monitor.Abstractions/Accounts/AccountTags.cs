namespace Monitor.Abstractions.Accounts;

/// <summary>Profile tags with a meaning of their own.</summary>
public static class AccountTags
{
    /// <summary>The account's history is generated (the demo's), not observed: the dashboard marks it wherever it appears.</summary>
    public const string Synthetic = "synthetic";
}
