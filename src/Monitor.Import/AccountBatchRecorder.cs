using Monitor.Abstractions.Accounts;
using Orleans;

namespace Monitor.Import;

/// <summary>
/// Stores a batch through its account grains: one <see cref="IAccountGrain.RecordAsync"/> call per account, all in
/// parallel, each retried by <see cref="GrainCallRetry"/> while its grain moves (recording is idempotent). Each answer
/// comes back with the items that account got, in batch order, because a rejection's index is a position in that list.
/// </summary>
public static class AccountBatchRecorder
{
    /// <summary>Groups <paramref name="items"/> by <paramref name="grainKeyOf"/> and records each group's observations.</summary>
    public static Task<(List<T> Items, RecordResult Result)[]> RecordAsync<T>(
        IGrainFactory grains, IEnumerable<T> items, Func<T, string> grainKeyOf, Func<T, ObservationInput> observationOf)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return Task.WhenAll(items
            .GroupBy(grainKeyOf, StringComparer.Ordinal)
            .Select(async account =>
            {
                var accountItems = account.ToList();
                var result = await RecordAccountAsync(grains, account.Key, accountItems.ConvertAll(item => observationOf(item)));
                return (accountItems, result);
            }));
    }

    /// <summary>Records one account's observations, retried by <see cref="GrainCallRetry"/> while its grain moves.</summary>
    public static Task<RecordResult> RecordAccountAsync(IGrainFactory grains, string grainKey, List<ObservationInput> observations) =>
        GrainCallRetry.Idempotent.ExecuteAsync(
            static async (state, _) => await state.Grain.RecordAsync(state.Observations),
            (Grain: grains.GetGrain<IAccountGrain>(grainKey), Observations: observations),
            CancellationToken.None).AsTask();
}
