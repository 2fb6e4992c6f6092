using Monitor.Abstractions.Accounts;

namespace Monitor.LoadGen;

/// <summary>
/// The rows the load generator posts: a global sequence spread round-robin over the accounts, each account advancing one
/// hour per row (the sampling collectors use) with a steady gain, so no row is a duplicate and none trips the detector.
/// </summary>
public sealed class SyntheticRows(int accounts, DateTimeOffset start)
{
    /// <summary>Source recorded on every row.</summary>
    public const string Source = "loadgen";

    // Account ids start here, well away from real X ids used elsewhere.
    private const long FirstAccountId = 9_100_000_000;

    private long _next = -1;

    /// <summary>The key of account <paramref name="index"/>.</summary>
    public static string AccountKey(int index) => $"x:{FirstAccountId + index}";

    /// <summary>The next <paramref name="count"/> rows.</summary>
    public List<ObservationInput> Next(int count)
    {
        var last = Interlocked.Add(ref _next, count);
        return Enumerable.Range(0, count).Select(i => Row(last - count + 1 + i)).ToList();
    }

    /// <summary>Row number <paramref name="sequence"/>.</summary>
    public ObservationInput Row(long sequence)
    {
        var account = (int)(sequence % accounts);
        var step = sequence / accounts;
        return new ObservationInput(AccountKey(account), start.AddHours(step), 1_000_000 + (3 * step), null, 10_000 + step / 24, Source);
    }
}
