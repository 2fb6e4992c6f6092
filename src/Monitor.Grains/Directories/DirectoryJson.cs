using System.Text.Json;
using Monitor.Abstractions.Accounts;

namespace Monitor.Grains.Directories;

/// <summary>The JSON form of directory rows (summary and string lists).</summary>
internal static class DirectoryJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(AccountSummary summary) => JsonSerializer.Serialize(summary, Options);

    public static string Serialize(IReadOnlyList<string>? values) => JsonSerializer.Serialize(values ?? [], Options);

    public static AccountSummary Deserialize(string json) =>
        JsonSerializer.Deserialize<AccountSummary>(json, Options)
        ?? throw new InvalidOperationException("A directory row holds a null summary.");
}
