using Monitor.Import;
using Xunit;

namespace Monitor.Silo.Tests.Cli;

/// <summary>The CSV import formats: seed rows, generic rows, comments and quoting.</summary>
public sealed class ImportFormatTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seed_row_becomes_an_unresolved_handle_key_with_its_groups_and_counts()
    {
        var records = await ReadAsync(
            "# comment\n" + SeedRow.Header + "\n" +
            "x,@RTErdogan,\"Recep Tayyip Erdoğan, President\",turkic-leaders;world-leaders,2024-10-01,21600000,\n");

        var record = Assert.Single(records);
        Assert.Equal(3, record.Line);
        Assert.Equal("x:@RTErdogan", record.Observation.Account);
        Assert.Equal(new DateTimeOffset(2024, 10, 1, 0, 0, 0, TimeSpan.Zero), record.Observation.Timestamp);
        Assert.Equal(21_600_000, record.Observation.Followers);
        Assert.Null(record.Observation.Posts);
        Assert.Equal("Recep Tayyip Erdoğan, President", record.Seed!.DisplayName);
        Assert.Equal(["turkic-leaders", "world-leaders"], record.Seed.Groups);
    }

    [Theory]
    [InlineData("bluesky:did:plc:abc,2024-09-28T12:00:00Z,1500,,42")]
    [InlineData(" bluesky:did:plc:abc , 2024-09-28T14:00:00+02:00 , 1500 , , 42 ")]
    [InlineData("\"bluesky:did:plc:abc\",\"2024-09-28T12:00:00.0000000Z\",\"1500\",\"\",\"42\"")]
    [InlineData("bluesky:did:plc:abc,2024-09-28 12:00:00,1500,,42")]
    public async Task A_generic_row_keeps_its_account_and_optional_counts(string row)
    {
        var records = await ReadAsync(ObservationCsvReader.GenericHeader + "\n" + row + "\n");

        var observation = Assert.Single(records).Observation;
        Assert.Equal(("bluesky:did:plc:abc", 1500L, (long?)null, (long?)42), (observation.Account, observation.Followers, observation.Following, observation.Posts));
        Assert.Equal(new DateTimeOffset(2024, 9, 28, 12, 0, 0, TimeSpan.Zero), observation.Timestamp);
    }

    [Theory]
    [InlineData("platform,handle\nx,a\n", "line 1")]
    [InlineData(SeedRow.Header + "\nx,a,A,g,2024-13-01,5,\n", "observed_on")]
    [InlineData(SeedRow.Header + "\nx,a,A,g,2024-01-01,-5,\n", "followers")]
    [InlineData(SeedRow.Header + "\nx,a,A,g,2024-01-01,5\n", "7 columns")]
    [InlineData(ObservationCsvReader.GenericHeader + "\nx:1,2024-01-01T00:00:00Z,many,,\n", "followers")]
    public async Task A_malformed_row_stops_the_import_naming_line_and_column(string csv, string expected)
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => ReadAsync(csv));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_handler_malformed_rows_are_reported_by_line_and_reading_goes_on()
    {
        var bad = new List<(int Line, string Reason)>();
        var csv = ObservationCsvReader.GenericHeader + "\nx:1,2024-01-01T00:00:00Z,5,,\nx:1,2024-01-01T01:00:00Z,many,,\nx:1,2024-01-01T02:00:00Z,7,,\nx:1,soon,8,,\n";
        var records = new List<CsvRecord>();
        await foreach (var record in ObservationCsvReader.ReadAsync(new StringReader(csv), "test", (line, reason) => bad.Add((line, reason)), Cancellation))
        {
            records.Add(record);
        }

        Assert.Equal([2, 4], records.Select(r => r.Line));
        Assert.Equal([3, 5], bad.Select(b => b.Line));
        Assert.Contains("followers", bad[0].Reason, StringComparison.Ordinal);
        Assert.Contains("timestamp", bad[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_resolution_column_is_optional_per_row_and_a_bad_value_is_a_bad_row()
    {
        var bad = new List<(int Line, string Reason)>();
        var csv = ObservationCsvReader.GenericResolutionHeader
            + "\nyoutube:UC1,2024-01-01T00:00:00Z,86200,,,3sf\nyoutube:UC1,2024-01-01T01:00:00Z,86200,,,\nyoutube:UC1,2024-01-01T02:00:00Z,86300,,,\"step:100\"\nyoutube:UC1,2024-01-01T03:00:00Z,86300,,,about 3\n";
        var records = new List<CsvRecord>();
        await foreach (var record in ObservationCsvReader.ReadAsync(new StringReader(csv), "test", (line, reason) => bad.Add((line, reason)), Cancellation))
        {
            records.Add(record);
        }

        Assert.Equal([(2, "3sf"), (3, null), (4, "step:100")], records.Select(r => (r.Line, r.Observation.Resolution)));
        var (line, reason) = Assert.Single(bad);
        Assert.Equal(5, line);
        Assert.Contains("'about 3'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_too_long_to_be_a_row_is_one_bad_row_and_the_rows_after_it_are_read()
    {
        var bad = new List<(int Line, string Reason)>();
        var huge = "x:1,2024-01-01T01:00:00Z," + new string('9', CsvLineReader.DefaultMaxLineLength) + ",,";
        var csv = ObservationCsvReader.GenericHeader + "\nx:1,2024-01-01T00:00:00Z,5,,\n" + huge + "\r\nx:1,2024-01-01T02:00:00Z,7,,3\n";
        var records = new List<CsvRecord>();
        await foreach (var record in ObservationCsvReader.ReadAsync(new StringReader(csv), "test", (line, reason) => bad.Add((line, reason)), Cancellation))
        {
            records.Add(record);
        }

        Assert.Equal([(2, 5L, (long?)null), (4, 7L, (long?)3)], records.Select(r => (r.Line, r.Observation.Followers, r.Observation.Posts)));
        var (line, reason) = Assert.Single(bad);
        Assert.Equal(3, line);
        Assert.Contains("longer than", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_seed_snapshot_reads_as_fourteen_accounts()
    {
        using var reader = new StreamReader(Monitor.Hosting.Cli.DemoRunner.DefaultSeedPath);
        var records = new List<CsvRecord>();
        await foreach (var record in ObservationCsvReader.ReadAsync(reader, "test", cancellationToken: Cancellation))
        {
            records.Add(record);
        }

        Assert.Equal(14, records.Select(r => r.Observation.Account).Distinct().Count());
        Assert.Contains(records, r => r.Observation.Account == "instagram:@sadyr_japarov" && r.Observation.Followers == 544_000);
    }

    private static async Task<List<CsvRecord>> ReadAsync(string csv)
    {
        var records = new List<CsvRecord>();
        await foreach (var record in ObservationCsvReader.ReadAsync(new StringReader(csv), "test", cancellationToken: Cancellation))
        {
            records.Add(record);
        }

        return records;
    }
}
