using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using System.Text;
using Monitor.Abstractions.Accounts;
using Monitor.Core.Accounts;
using Monitor.Import;
using static Monitor.Api.ObservationJsonFields;

namespace Monitor.Api;

/// <summary>
/// Reads an ingest request item by item (a JSON array, or one JSON object per NDJSON line) and sorts each item into
/// well-shaped observations and per-item rejections, so one bad item does not sink the batch.
/// A body that is not well-formed JSON raises <see cref="JsonException"/> (the whole request is refused). Each field's value is
/// checked by <see cref="ObservationJsonFields"/>; the reader frames items, counts them and knows the batch's accounts.
/// </summary>
public sealed class ObservationBatchReader
{
    private readonly int _maxItems;
    private readonly DateTimeOffset _latestAllowed;

    // A batch usually carries many points of each account: each distinct key is checked once.
    private readonly AccountKeyChecks _accounts;

    /// <summary>Creates a reader that stops at <paramref name="maxItems"/> items and refuses timestamps after <paramref name="latestAllowed"/>.</summary>
    public ObservationBatchReader(int maxItems, DateTimeOffset latestAllowed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        _maxItems = maxItems;
        _latestAllowed = latestAllowed;
        _accounts = new AccountKeyChecks(maxItems);
    }

    /// <summary>Items that passed the shape checks, in submission order.</summary>
    public List<IndexedObservation> Valid { get; } = [];

    /// <summary>Items refused before routing, with the field and the reason.</summary>
    public List<RejectedObservation> Rejected { get; } = [];

    /// <summary>Items read so far.</summary>
    public int Count { get; private set; }

    /// <summary>True when the body held more than the allowed number of items (reading stopped there).</summary>
    public bool TooMany { get; private set; }

    // An item takes at least ~48 bytes on the wire (account, timestamp and followers); sizing the list from the body
    // spares its growth copies, the largest allocation of a big batch.
    private const int MinItemBytes = 48;

    private void ReserveFor(ReadOnlySpan<byte> body) => Valid.EnsureCapacity(Math.Min(_maxItems, body.Length / MinItemBytes));

    /// <summary>Reads a JSON array of observation objects; false when the body is well-formed but not an array.</summary>
    public bool ReadJsonArray(ReadOnlySpan<byte> body)
    {
        ReserveFor(body);
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

            ReadValue(index, ref reader, Describe(reader.TokenType));
        }

        EnsureEnd(ref reader);
        return true;
    }

    /// <summary>Reads newline-delimited JSON, one observation object per line; blank lines are ignored.</summary>
    public void ReadNdjson(ReadOnlySpan<byte> body)
    {
        ReserveFor(body);
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

            try
            {
                var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 16 });
                reader.Read();
                ReadValue(index, ref reader, KindName(reader.TokenType));

                // The reader throws on anything but whitespace after the line's value.
                reader.Read();
            }
            catch (JsonException ex)
            {
                throw new JsonException($"line {lineNumber}, position {ex.BytePositionInLine + 1}: {ApiProblems.WithoutJsonPosition(ex.Message)}", null, lineNumber - 1, ex.BytePositionInLine, ex);
            }
        }
    }

    private void ReadValue(int index, ref Utf8JsonReader reader, string kind)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            ReadItem(index, ref reader);
        }
        else
        {
            Rejected.Add(new RejectedObservation(index, null, "$", $"must be a JSON object, got {kind}"));
            reader.Skip();
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

    // Reads one object token by token (no document per item). Like JsonElement.TryGetProperty, a repeated property
    // counts by its last occurrence and null counts as absent; the first failing field, in a fixed order, is reported.
    private void ReadItem(int index, ref Utf8JsonReader reader)
    {
        string? account = null, accountFailure = "is required";
        DateTimeOffset timestamp = default;
        string? timestampFailure = "is required";
        long followers = 0, following = 0, posts = 0;
        string? followersFailure = "is required", followingFailure = null, postsFailure = null;
        bool hasFollowing = false, hasPosts = false;
        string? source = null, sourceFailure = null;
        string? resolution = null, resolutionFailure = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = reader.ValueTextEquals("account"u8) ? 1
                : reader.ValueTextEquals("timestamp"u8) ? 2
                : reader.ValueTextEquals("followers"u8) ? 3
                : reader.ValueTextEquals("following"u8) ? 4
                : reader.ValueTextEquals("posts"u8) ? 5
                : reader.ValueTextEquals("source"u8) ? 6
                : reader.ValueTextEquals("resolution"u8) ? 7
                : 0;
            reader.Read();
            switch (field)
            {
                case 1:
                    accountFailure = ReadAccount(ref reader, out account);
                    break;
                case 2:
                    timestampFailure = ReadTimestamp(ref reader, out timestamp);
                    break;
                case 3:
                    followersFailure = ReadCount(ref reader, required: true, out followers, out _);
                    break;
                case 4:
                    followingFailure = ReadCount(ref reader, required: false, out following, out hasFollowing);
                    break;
                case 5:
                    postsFailure = ReadCount(ref reader, required: false, out posts, out hasPosts);
                    break;
                case 6:
                    sourceFailure = ReadSource(ref reader, out source);
                    break;
                case 7:
                    resolutionFailure = ReadResolution(ref reader, out resolution);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        var grainKey = "";
        if (accountFailure is null)
        {
            accountFailure = _accounts.TryCanonicalize(account!, out grainKey, out var reason) ? null : $"'{Truncate(account!)}': {reason}";
        }

        var failure = accountFailure is not null ? ("account", accountFailure)
            : timestampFailure is not null ? ("timestamp", timestampFailure)
            : followersFailure is not null ? ("followers", followersFailure)
            : followingFailure is not null ? ("following", followingFailure)
            : postsFailure is not null ? ("posts", postsFailure)
            : sourceFailure is not null ? ("source", sourceFailure)
            : resolutionFailure is not null ? ("resolution", resolutionFailure)
            : ((string Field, string Reason)?)null;
        if (failure is { } rejection)
        {
            Rejected.Add(new RejectedObservation(index, account, rejection.Field, rejection.Reason));
            return;
        }

        Valid.Add(new IndexedObservation(index, grainKey, new ObservationInput(account!, timestamp, followers, hasFollowing ? following : null, hasPosts ? posts : null, source, resolution)));
    }

    private string? ReadAccount(ref Utf8JsonReader reader, out string? account)
    {
        account = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return "is required";
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return $"must be a string, got {DescribeValue(ref reader)}";
        }

        // A batch repeats a few accounts many times: look the text up without allocating, and reuse the stored string.
        Span<char> text = stackalloc char[256];
        if (!reader.ValueIsEscaped && reader.ValueSpan.Length <= text.Length)
        {
            if (Utf8.ToUtf16(reader.ValueSpan, text, out _, out var length, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                return NotText;
            }

            if (_accounts.TryGetKnown(text[..length], out var known))
            {
                account = known;
                return null;
            }
        }

        return TryGetString(ref reader, out account) ? null : NotText;
    }

    private string? ReadTimestamp(ref Utf8JsonReader reader, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return "is required";
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            return $"must be an ISO 8601 string, got {DescribeValue(ref reader)}";
        }

        // The common short, unescaped text is checked without allocating; the rule is the CSV import's.
        Span<char> text = stackalloc char[64];
        if (!reader.ValueIsEscaped && reader.ValueSpan.Length <= text.Length)
        {
            return Utf8.ToUtf16(reader.ValueSpan, text, out _, out var length, replaceInvalidSequences: false) == OperationStatus.Done
                ? ObservationTimestamp.Check(text[..length], _latestAllowed, out timestamp)
                : NotText;
        }

        return TryGetString(ref reader, out var value) ? ObservationTimestamp.Check(value, _latestAllowed, out timestamp) : NotText;
    }

    // The names JsonValueKind gives, as an NDJSON line's value is described.
    private static string KindName(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => "null",
    };
}
