using Orleans.Concurrency;
using Orleans;

namespace Monitor.Abstractions.Accounts;

/// <summary>One monitored account (key <c>platform:id</c>): its history, growth and detector.</summary>
[Alias("monitor.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Appends observations, makes them durable, runs the detector; returns only after the points are stored.</summary>
    /// <remarks>
    /// The batch is passed without a copy inside a silo (measured: a 5,000-point list copied cost 10–20x the calls/s):
    /// callers must not change the list until the call completes, and the grain keeps no reference to it.
    /// </remarks>
    [Alias("RecordAsync")]
    Task<RecordResult> RecordAsync([Immutable] IReadOnlyList<ObservationInput> observations);

    [Alias("GetSummaryAsync")]
    Task<AccountSummary?> GetSummaryAsync();

    /// <summary>Records how a collector's poll went (counts go through <see cref="RecordAsync"/>); raises unavailable and stall alerts.</summary>
    [Alias("RecordPollOutcomeAsync")]
    Task RecordPollOutcomeAsync(PollOutcome outcome);

    [Alias("GetHistoryAsync")]
    Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(DateTimeOffset from, DateTimeOffset to, HistoryResolution resolution);

    /// <summary>
    /// The history at day resolution, answered even while the account waits in another call: the alert hub reads an
    /// entity's accounts while they may be waiting for the hub to accept their own episode events.
    /// </summary>
    [Alias("ReadDailyHistoryAsync")]
    [AlwaysInterleave]
    Task<IReadOnlyList<HistoryPoint>> ReadDailyHistoryAsync(DateTimeOffset from, DateTimeOffset to);

    /// <summary>Creates or updates the account's profile; an account must be configured before it accepts observations.</summary>
    [Alias("ConfigureAsync")]
    Task<AccountSummary> ConfigureAsync(AccountProfile profile);

    /// <summary>
    /// Creates or updates the account's profile like <see cref="ConfigureAsync"/>, and says which it did; a profile equal to
    /// the stored one writes nothing (the stall reminder and directory row are mended if a crash left them unwritten).
    /// </summary>
    [Alias("RegisterAsync")]
    Task<AccountRegistration> RegisterAsync(AccountProfile profile);

    /// <summary>Stops monitoring the account and removes its state.</summary>
    [Alias("RemoveAsync")]
    Task<bool> RemoveAsync();
}
