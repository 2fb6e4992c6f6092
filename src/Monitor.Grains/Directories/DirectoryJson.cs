using System.Data.Common;
using System.Text.Json;
using Monitor.Abstractions.Accounts;

namespace Monitor.Grains.Directories;

/// <summary>The JSON form of directory rows (summary and string lists).</summary>
internal static class DirectoryJson
{
    // Rows written before enums were strings hold PollStatus and the like as numbers; StorageJson still reads them.
    private static JsonSerializerOptions Options => StorageJson.Options;

    public static string Serialize(AccountSummary summary) => JsonSerializer.Serialize(summary, Options);

    public static string Serialize(IReadOnlyList<string>? values) => JsonSerializer.Serialize(values ?? [], Options);

    public static AccountSummary Deserialize(string json) =>
        JsonSerializer.Deserialize<AccountSummary>(json, Options)
        ?? throw new InvalidOperationException("A directory row holds a null summary.");

    /// <summary>Runs <paramref name="select"/> (<see cref="DirectorySql.Select"/>) and reads the summary of every row.</summary>
    public static async Task<IReadOnlyList<AccountSummary>> ReadSummariesAsync(DbCommand select, CancellationToken cancellationToken)
    {
        var summaries = new List<AccountSummary>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            summaries.Add(Deserialize(reader.GetString(0)));
        }

        return summaries;
    }
}
