using System.Globalization;

namespace Monitor.LoadGen;

/// <summary>
/// Writes a generic-format import file (<c>account,timestamp,followers,following,posts</c>) of the load generator's
/// synthetic rows, to measure <c>monitor import</c>: in time order (every account's hour, then the next hour, as a
/// collector writes) or in account order (each account's whole history, as <c>monitor export</c> writes).
/// </summary>
public static class CsvGenerator
{
    /// <summary>Writes <paramref name="rows"/> rows over <paramref name="accounts"/> accounts to <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, long rows, int accounts, bool accountOrder, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var synthetic = new SyntheticRows(accounts, start);
        var perAccount = (rows + accounts - 1) / accounts;
        await using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 20);
        await writer.WriteLineAsync("account,timestamp,followers,following,posts");
        for (long i = 0; i < rows; i++)
        {
            // Account order walks each account's steps before the next account; time order is the generator's own sequence.
            var sequence = accountOrder ? (i % perAccount * accounts) + (i / perAccount) : i;
            var row = synthetic.Row(sequence);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{row.Account},{row.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{row.Followers},,{row.Posts}"));
            if (i % 1_000_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
