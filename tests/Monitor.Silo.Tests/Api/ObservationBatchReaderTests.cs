using System.Text.Json;
using System.Text;
using Monitor.Api;
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
    public void A_resolution_is_read_in_its_canonical_form_and_a_bad_one_rejects_its_item()
    {
        var reader = new ObservationBatchReader(10, Now);

        Assert.True(reader.ReadJsonArray(Bytes("""
            [{"account":"x:1","timestamp":"2024-09-01T00:00:00Z","followers":86200,"resolution":"3SF"},
             {"account":"x:1","timestamp":"2024-09-01T01:00:00Z","followers":86200,"resolution":"step:1000"},
             {"account":"x:1","timestamp":"2024-09-01T02:00:00Z","followers":86200,"resolution":null},
             {"account":"x:1","timestamp":"2024-09-01T03:00:00Z","followers":86200,"resolution":"4.5sf"},
             {"account":"x:1","timestamp":"2024-09-01T04:00:00Z","followers":86200,"resolution":3}]
            """)));

        Assert.Equal(["3sf", "step:1000", null], reader.Valid.Select(v => v.Observation.Resolution));
        Assert.Equal([(3, "resolution"), (4, "resolution")], reader.Rejected.Select(r => (r.Index, r.Field)));
        Assert.Contains("'4.5sf'", reader.Rejected[0].Reason, StringComparison.Ordinal);
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

    [Fact]
    public void A_repeated_property_counts_by_its_last_occurrence_and_null_counts_as_absent()
    {
        var reader = new ObservationBatchReader(10, Now);

        reader.ReadJsonArray(Bytes("""[{"account":"x:1","followers":-1,"timestamp":"2024-09-01T00:00:00Z","followers":9,"posts":4,"posts":null},{"account":"x:1","timestamp":"2024-09-01T01:00:00Z","followers":null}]"""));

        var valid = Assert.Single(reader.Valid);
        Assert.Equal((9L, (long?)null), (valid.Observation.Followers, valid.Observation.Posts));
        Assert.Equal((1, "followers", "is required"), (reader.Rejected.Single().Index, reader.Rejected[0].Field, reader.Rejected[0].Reason));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_described_and_stepped_over_whatever_its_shape()
    {
        var reader = new ObservationBatchReader(10, Now);

        reader.ReadJsonArray(Bytes("""[{"account":"x:1","timestamp":"2024-09-01T00:00:00Z","followers":{"n":[1,{"m":2}]},"unknown":[[]],"posts":3},{"account":7,"timestamp":true,"followers":1.5},{"account":"x:2","timestamp":"2024-09-01T00:00:00Z","followers":1.5}]"""));

        Assert.Empty(reader.Valid);
        Assert.Equal(
            [("followers", "must be a whole number, got an object"), ("account", "must be a string, got the number 7"), ("followers", "must be a whole number within 64 bits, got 1.5")],
            reader.Rejected.Select(r => (r.Field, r.Reason)));
        Assert.Equal("x:2", reader.Rejected[2].Account);
    }

    [Fact]
    public void An_ndjson_line_with_text_after_its_object_is_a_syntax_error_on_that_line()
    {
        var reader = new ObservationBatchReader(10, Now);
        var item = """{"account":"x:1","timestamp":"2024-09-01T00:00:00Z","followers":5}""";

        var error = Assert.ThrowsAny<JsonException>(() => reader.ReadNdjson(Bytes($"{item}\n[1]\n{item} x\n")));

        Assert.Equal(2, error.LineNumber);
        Assert.StartsWith("line 3,", error.Message, StringComparison.Ordinal);
        Assert.Equal(("$", "must be a JSON object, got array"), (reader.Rejected.Single().Field, reader.Rejected[0].Reason));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
