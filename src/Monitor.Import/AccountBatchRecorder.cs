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
    /// <summary>
    /// Groups <paramref name="items"/> by <paramref name="grainKeyOf"/> and records each group's observations; with
    /// <paramref name="order"/>, each account's call waits for the account's previous call made through it.
    /// </summary>
    public static Task<(List<T> Items, RecordResult Result)[]> RecordAsync<T>(
        IGrainFactory grains, IEnumerable<T> items, Func<T, string> grainKeyOf, Func<T, ObservationInput> observationOf, AccountCallChain? order = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return Task.WhenAll(items
            .GroupBy(grainKeyOf, StringComparer.Ordinal)
            .Select(account =>
            {
                var accountItems = account.ToList();
                var observations = accountItems.ConvertAll(item => observationOf(item));
                var grain = grains.GetGrain<IAccountGrain>(account.Key);
                return order is null ? RecordAsync(grain, accountItems, observations) : order.Then(account.Key, () => RecordAsync(grain, accountItems, observations));
            }));
    }

    private static async Task<(List<T> Items, RecordResult Result)> RecordAsync<T>(IAccountGrain grain, List<T> items, List<ObservationInput> observations)
    {
        var result = await GrainCallRetry.Idempotent.ExecuteAsync(
            static async (state, _) => await state.Grain.RecordAsync(state.Observations),
            (Grain: grain, Observations: observations),
            CancellationToken.None);
        return (items, result);
    }
}
