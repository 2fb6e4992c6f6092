namespace Monitor.Abstractions.Accounts;

/// <summary>The status of an item of <c>POST /api/accounts/batch</c>.</summary>
public static class AccountBatchStatuses
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Invalid = "invalid";

    /// <summary>The status of a registration that was stored (or found already stored).</summary>
    public static string Of(RegistrationOutcome outcome) => outcome switch
    {
        RegistrationOutcome.Created => Created,
        RegistrationOutcome.Updated => Updated,
        _ => Unchanged,
    };
}
