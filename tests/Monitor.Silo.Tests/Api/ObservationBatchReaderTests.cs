using System.Text;
using System.Text.Json;
using Monitor.Silo.Api;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary>The ingest reader on its own: item by item, limits, and where a syntax error is.</summary>
public sealed class ObservationBatchReaderTests
{
    private static readonly DateTimeOffset Now = new(2024, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Items_keep_their_batch_index_whether_accepted_or_rejected()
    {
        var reader = new ObservationBatchReader(10, Now);

        Assert.True(reader.ReadJsonArray(Bytes("""[{"account":"x:1","timestamp":"2024-09-01T00:00:00+02:00","followers":5,"posts":null}, 7, {"account":"x:2","timestamp":"2024-09-01T00:00:00Z","followers":6,"following":3,"source":"s"}]""")));

        Assert.Equal(3, reader.Count);
        Assert.Equal([0, 2], reader.Valid.Select(v => v.Index));
        Assert.Equal(new DateTimeOffset(2024, 8, 31, 22, 0, 0, TimeSpan.Zero), reader.Valid[0].Observation.Timestamp);
        Assert.Equal((3L, "s"), (reader.Valid[1].Observation.Following!.Value, reader.Valid[1].Observation.Source!));
        Assert.Equal((1, "$"), (Assert.Single(reader.Rejected).Index, reader.Rejected[0].Field));
    }

    [Fact]
    public void Reading_stops_at_the_item_limit()
    {
        var reader = new ObservationBatchReader(2, Now);
        var item = """{"account":"x:1","timestamp":"2024-09-01T00:00:00Z","followers":5}""";

        reader.ReadNdjson(Bytes($"{item}\n{item}\n{item}\n"));

        Assert.True(reader.TooMany);
        Assert.Equal(2, reader.Count);
    }

    [Fact]
    public void A_timestamp_just_inside_the_allowed_skew_is_accepted_and_one_past_it_is_not()
    {
        var reader = new ObservationBatchReader(10, Now);

        reader.ReadJsonArray(Bytes($$"""[{"account":"x:1","timestamp":"{{Now:O}}","followers":1},{"account":"x:1","timestamp":"{{Now.AddSeconds(1):O}}","followers":1}]"""));

        Assert.Equal([0], reader.Valid.Select(v => v.Index));
        Assert.Equal((1, "timestamp"), (reader.Rejected.Single().Index, reader.Rejected[0].Field));
    }

    [Fact]
    public void A_syntax_error_reports_its_line_and_position()
    {
        var reader = new ObservationBatchReader(10, Now);

        var error = Assert.ThrowsAny<JsonException>(() => reader.ReadJsonArray(Bytes("[\n  {\"account\": x}\n]")));

        Assert.Equal(1, error.LineNumber);
        Assert.Equal(14, error.BytePositionInLine);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
