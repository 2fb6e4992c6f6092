using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Monitor.Core.Accounts;
using Monitor.Import;

namespace Monitor.Api;

/// <summary>
/// The values of an ingest item's fields as <see cref="Utf8JsonReader"/> meets them: each reader checks one value and
/// returns why it is refused (null when it is fine), in the words the per-item rejection shows.
/// </summary>
internal static class ObservationJsonFields
{
    internal static string? ReadCount(ref Utf8JsonReader reader, bool required, out long value, out bool present)
    {
        value = 0;
        present = false;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return required ? "is required" : null;
        }

        if (reader.TokenType != JsonTokenType.Number)
        {
            return $"must be a whole number, got {DescribeValue(ref reader)}";
        }

        if (!reader.TryGetInt64(out value))
        {
            return $"must be a whole number within 64 bits, got {Encoding.UTF8.GetString(reader.ValueSpan)}";
        }

        if (value < 0)
        {
            return $"must be 0 or more, got {value}";
        }

        present = true;
        return null;
    }

    internal static string? ReadSource(ref Utf8JsonReader reader, out string? source)
    {
        var error = ReadOptionalText(ref reader, out source);
        return error ?? (source?.Length > 200 ? $"must be at most 200 characters, got {source.Length}" : null);
    }

    // The count's resolution ("exact", "3sf", "step:1000"), stored in its canonical form; null is absent.
    internal static string? ReadResolution(ref Utf8JsonReader reader, out string? resolution)
    {
        resolution = null;
        if (ReadOptionalText(ref reader, out var text) is { } error)
        {
            return error;
        }

        if (text is null)
        {
            return null;
        }

        if (!CountResolution.TryParse(text, out var parsed, out var parseError))
        {
            return parseError;
        }

        resolution = parsed.ToString();
        return null;
    }

    // An optional string field: null (or JSON null) when absent.
    private static string? ReadOptionalText(ref Utf8JsonReader reader, out string? text)
    {
        text = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return $"must be a string, got {DescribeValue(ref reader)}";
        }

        return TryGetString(ref reader, out text) ? null : NotText;
    }

    // Invalid UTF-8 or an unpaired surrogate escape (\ud800) has no .NET string: the item is refused, not the request.
    internal static bool TryGetString(ref Utf8JsonReader reader, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    // Describes a value of the wrong type for an error message, and steps over it.
    internal static string DescribeValue(ref Utf8JsonReader reader)
    {
        var description = reader.TokenType switch
        {
            JsonTokenType.String => TryGetString(ref reader, out var text) ? $"the string \"{Truncate(text!)}\"" : "a string that is not valid text",
            JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(reader.ValueSpan)}",
            JsonTokenType.True => "the boolean true",
            JsonTokenType.False => "the boolean false",
            _ => Describe(reader.TokenType),
        };
        reader.Skip();
        return description;
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    internal static string Truncate(string text) => ObservationTimestamp.Quote(text);

    internal const string NotText = "is not valid text (invalid UTF-8, or an escaped unpaired surrogate such as \\ud800)";
}
