namespace Monitor.Collectors.Scheduling;

/// <summary>Where poll results go: counts into the account's history, the outcome onto the account.</summary>
public interface IPollRecorder
{
    /// <summary>Records what one poll of <paramref name="account"/> found at <paramref name="at"/>.</summary>
    Task RecordAsync(PolledAccount account, AccountPollResult result, DateTimeOffset at, CancellationToken cancellationToken = default);
}
