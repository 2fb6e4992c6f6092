using Monitor.Runtime;

namespace Monitor.Abstractions.Accounts;

/// <summary>One monitored account (key <c>platform:id</c>): its history, growth and detector.</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Appends observations, makes them durable, runs the detector; returns only after the points are stored.</summary>
    Task<RecordResult> RecordAsync(IReadOnlyList<ObservationInput> observations);

    Task<AccountSummary?> GetSummaryAsync();

    /// <summary>Records how a collector's poll went (counts go through <see cref="RecordAsync"/>); raises unavailable and stall alerts.</summary>
    Task RecordPollOutcomeAsync(PollOutcome outcome);

    Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution);

    /// <summary>Creates or updates the account's profile; an account must be configured before it accepts observations.</summary>
    Task<AccountSummary> ConfigureAsync(AccountProfile profile);

    /// <summary>Stops monitoring the account and removes its state.</summary>
    Task<bool> RemoveAsync();
}
