using System.Globalization;
using System.Text.Json;
using Monitor.Abstractions.Accounts;

namespace Monitor.Silo.Api;

/// <summary>
/// Reads an ingest request item by item (a JSON array, or one JSON object per NDJSON line) and sorts each item into
/// well-shaped observations and per-item rejections, so one bad item does not sink the batch.
/// A body that is not well-formed JSON raises <see cref="JsonException"/> (the whole request is refused).
/// </summary>
public sealed class ObservationBatchReader
{
    private readonly int _maxItems;
    private readonly DateTimeOffset _latestAllowed;

    // A batch usually carries many points of each account: each distinct key is checked once.
    private readonly Dictionary<string, (string GrainKey, string? Reason)> _accounts = new(StringComparer.Ordinal);

    /// <summary>Creates a reader that stops at <paramref name="maxItems"/> items and refuses timestamps after <paramref name="latestAllowed"/>.</summary>
    public ObservationBatchReader(int maxItems, DateTimeOffset latestAllowed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        _maxItems = maxItems;
        _latestAllowed = latestAllowed;
    }

    /// <summary>Items that passed the shape checks, in submission order.</summary>
    public List<IndexedObservation> Valid { get; } = [];

    /// <summary>Items refused before routing, with the field and the reason.</summary>
    public List<RejectedObservation> Rejected { get; } = [];

    /// <summary>Items read so far.</summary>
    public int Count { get; private set; }

    /// <summary>True when the body held more than the allowed number of items (reading stopped there).</summary>
    public bool TooMany { get; private set; }

    /// <summary>Reads a JSON array of observation objects; false when the body is well-formed but not an array.</summary>
    public bool ReadJsonArray(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            if (reader.TokenType != JsonTokenType.None)
            {
                reader.Skip();
                EnsureEnd(ref reader);
            }

            return false;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!TryStartItem(out var index))
            {
                return true;
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                using var item = JsonDocument.ParseValue(ref reader);
                ReadItem(index, item.RootElement);
            }
            else
            {
                Rejected.Add(new RejectedObservation(index, null, "$", $"must be a JSON object, got {Describe(reader.TokenType)}"));
                reader.Skip();
            }
        }

        EnsureEnd(ref reader);
        return true;
    }

    /// <summary>Reads newline-delimited JSON, one observation object per line; blank lines are ignored.</summary>
    public void ReadNdjson(ReadOnlySpan<byte> body)
    {
        var lineNumber = 0;
        while (!body.IsEmpty)
        {
            lineNumber++;
            var end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            if (!TryStartItem(out var index))
            {
                return;
            }

            JsonDocument item;
            try
            {
                item = JsonDocument.Parse(line.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            }
            catch (JsonException ex)
            {
                throw new JsonException($"line {lineNumber}, position {ex.BytePositionInLine + 1}: {ApiProblems.WithoutJsonPosition(ex.Message)}", null, lineNumber - 1, ex.BytePositionInLine, ex);
            }

            using (item)
            {
                if (item.RootElement.ValueKind == JsonValueKind.Object)
                {
                    ReadItem(index, item.RootElement);
                }
                else
                {
                    Rejected.Add(new RejectedObservation(index, null, "$", $"must be a JSON object, got {item.RootElement.ValueKind.ToString().ToLowerInvariant()}"));
                }
            }
        }
    }

    private bool TryStartItem(out int index)
    {
        index = Count;
        if (Count == _maxItems)
        {
            TooMany = true;
            return false;
        }

        Count++;
        return true;
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        // The reader itself throws (with line and position) on trailing garbage; anything else after the value is refused here.
        if (reader.Read())
        {
            throw new JsonException($"unexpected {Describe(reader.TokenType)} after the end of the batch");
        }
    }

    private void ReadItem(int index, JsonElement item)
    {
        DateTimeOffset timestamp = default;
        long? followers = null, following = null, posts = null;
        string? source = null;
        var failure = ReadAccount(item, out var account, out var grainKey);
        failure ??= ReadTimestamp(item, out timestamp);
        failure ??= ReadCount(item, "followers", required: true, out followers);
        failure ??= ReadCount(item, "following", required: false, out following);
        failure ??= ReadCount(item, "posts", required: false, out posts);
        failure ??= ReadSource(item, out source);
        if (failure is { } rejection)
        {
            Rejected.Add(new RejectedObservation(index, account, rejection.Field, rejection.Reason));
            return;
        }

        Valid.Add(new IndexedObservation(index, grainKey, new ObservationInput(account!, timestamp, followers!.Value, following, posts, source)));
    }

    private (string Field, string Reason)? ReadAccount(JsonElement item, out string? account, out string grainKey)
    {
        account = null;
        grainKey = "";
        if (!item.TryGetProperty("account", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return ("account", "is required");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return ("account", $"must be a string, got {Describe(element)}");
        }

        account = element.GetString()!;
        if (!_accounts.TryGetValue(account, out var checkedKey))
        {
            checkedKey = AccountKeyRule.TryCanonicalize(account, out var canonical, out var reason) ? (canonical, null) : ("", reason);
            _accounts[account] = checkedKey;
        }

        grainKey = checkedKey.GrainKey;
        return checkedKey.Reason is null ? null : ("account", $"'{account}': {checkedKey.Reason}");
    }

    private (string Field, string Reason)? ReadTimestamp(JsonElement item, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (!item.TryGetProperty("timestamp", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return ("timestamp", "is required");
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return ("timestamp", $"must be an ISO 8601 string with an offset, got {Describe(element)}");
        }

        // The JSON reader's ISO 8601 parser is the fast path; the general parser still takes what it does not.
        var text = element.GetString()!;
        if (!HasExplicitOffset(text)
            || !(element.TryGetDateTimeOffset(out timestamp) || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out timestamp)))
        {
            return ("timestamp", $"'{text}' is not an ISO 8601 timestamp with an offset (e.g. 2024-09-28T00:00:00Z)");
        }

        if (timestamp > _latestAllowed)
        {
            return ("timestamp", $"{timestamp:O} is in the future (the silo's clock allows up to {_latestAllowed:O})");
        }

        return null;
    }

    private static (string Field, string Reason)? ReadCount(JsonElement item, string field, bool required, out long? value)
    {
        value = null;
        if (!item.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return required ? (field, "is required") : null;
        }

        if (element.ValueKind != JsonValueKind.Number)
        {
            return (field, $"must be a whole number, got {Describe(element)}");
        }

        if (!element.TryGetInt64(out var count))
        {
            return (field, $"must be a whole number within 64 bits, got {element.GetRawText()}");
        }

        if (count < 0)
        {
            return (field, $"must be 0 or more, got {count}");
        }

        value = count;
        return null;
    }

    private static (string Field, string Reason)? ReadSource(JsonElement item, out string? source)
    {
        source = null;
        if (!item.TryGetProperty("source", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return ("source", $"must be a string, got {Describe(element)}");
        }

        source = element.GetString();
        return source!.Length > 200 ? ("source", $"must be at most 200 characters, got {source.Length}") : null;
    }

    private static bool HasExplicitOffset(string text)
    {
        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (time < 0)
        {
            return false;
        }

        var tail = text.AsSpan(time);
        return tail.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || tail.IndexOfAny('+', '-') >= 0;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(element.GetString()!)}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
