using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Abstractions.Http;

/// <summary>What the silo's HTTP API and its clients agree on: the default address and the JSON conventions.</summary>
public static class ApiConventions
{
    /// <summary>Where a silo listens unless told otherwise, and where clients look for one.</summary>
    public const string DefaultAddress = "http://127.0.0.1:5080";

    /// <summary>
    /// The header a non-browser client names itself in. A browser sends it cross-site only after a CORS preflight the silo
    /// never grants, so the silo takes it as proof that a state-changing request without a key is not a forged one.
    /// </summary>
    public const string ClientHeader = "X-Monitor-Client";

    /// <summary>Ready-made options with the API's conventions (web defaults, camelCase, enums as camelCase strings).</summary>
    public static JsonSerializerOptions Json { get; } = CreateJsonOptions();

    /// <summary>Applies the API's JSON conventions to <paramref name="json"/> (camelCase, nulls written, enums as camelCase strings).</summary>
    public static void ConfigureJson(JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ConfigureJson(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
