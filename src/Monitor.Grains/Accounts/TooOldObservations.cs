using Monitor.Abstractions.Accounts;
using Monitor.Grains.Observations;

namespace Monitor.Grains.Accounts;

/// <summary>
/// Points older than the history's out-of-order window: a re-send if the log holds them (a retried import), else a
/// rejection.
/// </summary>
internal static class TooOldObservations
{
    /// <summary>The batch's duplicates and rejections once its too-old points are looked up in the log.</summary>
    public static async Task<(int Duplicates, IReadOnlyList<RejectedObservation> Rejected)> SettleAsync(
        IObservationLog log, ILogger logger, string account, IReadOnlyList<ObservationInput> observations, AppendOutcome outcome)
    {
        if (outcome.TooOld.Count == 0)
        {
            return (outcome.Duplicates, outcome.Rejected);
        }

        IReadOnlySet<DateTimeOffset> stored;
        try
        {
            stored = await log.FindStoredAsync(account, [.. outcome.TooOld.Select(r => AccountDtoMapping.ToSeconds(observations[r.Index].Timestamp))]);
        }
        catch (Exception ex)
        {
            // Unverifiable: report them as too old (true either way); the new points of the batch are already stored.
            logger.LogWarning(ex, "Account {Account} could not look up {Count} points older than its window.", account, outcome.TooOld.Count);
            stored = new HashSet<DateTimeOffset>();
        }

        var stillRejected = outcome.TooOld.Where(r => !stored.Contains(AccountDtoMapping.ToSeconds(observations[r.Index].Timestamp))).ToList();
        var rejected = outcome.Rejected.Concat(stillRejected).OrderBy(r => r.Index).ToList();
        return (outcome.Duplicates + outcome.TooOld.Count - stillRejected.Count, rejected);
    }
}
