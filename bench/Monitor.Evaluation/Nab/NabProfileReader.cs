using System.Text.Json;

namespace Monitor.Evaluation.Nab;

/// <summary>Reads config/profiles.json: for each profile name, a CostMatrix with tpWeight, fpWeight and fnWeight.</summary>
internal static class NabProfileReader
{
    /// <summary>Reads every profile; <paramref name="source"/> names the file in error messages.</summary>
    public static IReadOnlyDictionary<string, NabProfile> Read(string json, string source)
    {
        using var document = ParseDocument(json, source);
        var profiles = new Dictionary<string, NabProfile>(StringComparer.Ordinal);
        foreach (var profile in document.RootElement.EnumerateObject())
        {
            if (!profile.Value.TryGetProperty("CostMatrix", out var matrix))
            {
                throw new FormatException($"{source}: profile '{profile.Name}' has no CostMatrix.");
            }

            profiles[profile.Name] = new NabProfile(
                profile.Name,
                Weight(matrix, "tpWeight", profile.Name, source),
                Weight(matrix, "fpWeight", profile.Name, source),
                Weight(matrix, "fnWeight", profile.Name, source));
        }

        return profiles;
    }

    private static JsonDocument ParseDocument(string json, string source)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new FormatException($"{source}: the profiles document is not a JSON object.");
            }

            return document;
        }
        catch (JsonException exception)
        {
            throw new FormatException($"{source}: not valid JSON ({exception.Message}).", exception);
        }
    }

    private static double Weight(JsonElement matrix, string name, string profile, string source)
    {
        if (!matrix.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number)
        {
            throw new FormatException($"{source}: profile '{profile}' has no numeric {name}.");
        }

        var weight = element.GetDouble();
        if (weight < 0 || !double.IsFinite(weight))
        {
            throw new FormatException($"{source}: profile '{profile}' {name} {weight} is not a non-negative number.");
        }

        return weight;
    }
}
