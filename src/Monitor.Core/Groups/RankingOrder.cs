namespace Monitor.Core.Groups;

/// <summary>The order of a group ranking, of accounts or of entities alike.</summary>
public static class RankingOrder
{
    /// <summary>
    /// Orders <paramref name="items"/> by <paramref name="value"/>, highest first, items without a value last, ties by
    /// <paramref name="name"/> (ordinal), and numbers them from 1.
    /// </summary>
    public static List<TResult> Rank<T, TResult>(IEnumerable<T> items, Func<T, double?> value, Func<T, string> name, Func<T, int, TResult> ranked)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(ranked);
        return items
            .Select(item => (Item: item, Value: value(item)))
            .OrderBy(entry => entry.Value is null)
            .ThenByDescending(entry => entry.Value)
            .ThenBy(entry => name(entry.Item), StringComparer.Ordinal)
            .Select((entry, index) => ranked(entry.Item, index + 1))
            .ToList();
    }
}
