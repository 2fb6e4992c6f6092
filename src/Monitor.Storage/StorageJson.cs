using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Storage;

/// <summary>
/// The JSON of the rows Monitor stores (directory rows, webhook receivers): web defaults (camelCase, names read
/// case-insensitively) and enums as camelCase strings, as in the API. Enums an older release stored as numbers still read.
/// Grain state keeps enums as numbers for now (<see cref="JsonGrainStateSerializerOptions.SerializerOptions"/> says why).
/// </summary>
public static class StorageJson
{
    /// <summary>Ready-made, read-only options.</summary>
    public static JsonSerializerOptions Options { get; } = CreateReadOnly();

    /// <summary>A fresh, mutable copy of the conventions, for a caller that adds to them.</summary>
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: true));
        return options;
    }

    private static JsonSerializerOptions CreateReadOnly()
    {
        var options = Create();
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
