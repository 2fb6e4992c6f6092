using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using Monitor.Abstractions.Accounts;

namespace Monitor.LoadGen;

/// <summary>
/// A batch as the JSON array the API takes, written once with <see cref="Utf8JsonWriter"/> (and reused on a retry), so
/// the load generator spends as little of the shared CPU as it can on its side of the measurement.
/// </summary>
public static class BatchBody
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    /// <summary>A request body to post (re-sendable on a retry).</summary>
    public static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonType;
        return content;
    }

    /// <summary>The batch's JSON body.</summary>
    public static byte[] Render(IReadOnlyList<ObservationInput> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var buffer = new ArrayBufferWriter<byte>(batch.Count * 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var row in batch)
            {
                writer.WriteStartObject();
                writer.WriteString("account", row.Account);
                writer.WriteString("timestamp", row.Timestamp);
                writer.WriteNumber("followers", row.Followers);
                if (row.Following is { } following)
                {
                    writer.WriteNumber("following", following);
                }

                if (row.Posts is { } posts)
                {
                    writer.WriteNumber("posts", posts);
                }

                if (row.Source is { } source)
                {
                    writer.WriteString("source", source);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
