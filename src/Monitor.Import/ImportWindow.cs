using System.Runtime.InteropServices;
using Monitor.Abstractions.Accounts;

namespace Monitor.Import;

/// <summary>
/// One round of an import, grouped by account as it is read: each account's observations in file order, with their line
/// numbers, ready to be one grain call. Grouping as rows arrive replaced a GroupBy and two list copies per account per round.
/// </summary>
internal sealed class ImportWindow
{
    private readonly Dictionary<string, ImportAccountRows> _accounts = new(StringComparer.Ordinal);

    /// <summary>Rows in the round.</summary>
    public int Count { get; private set; }

    /// <summary>The round's rows by grain key.</summary>
    public IReadOnlyDictionary<string, ImportAccountRows> Accounts => _accounts;

    public void Add(int line, string grainKey, ObservationInput observation)
    {
        ref var rows = ref CollectionsMarshal.GetValueRefOrAddDefault(_accounts, grainKey, out _);
        rows ??= new ImportAccountRows();
        rows.Observations.Add(observation);
        rows.Lines.Add(line);
        Count++;
    }
}
