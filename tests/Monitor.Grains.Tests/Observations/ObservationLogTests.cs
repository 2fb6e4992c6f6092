using Monitor.Grains.Observations;
using Monitor.Grains.Tests.Support;
using Xunit;

namespace Monitor.Grains.Tests.Observations;

/// <summary>The observation log contract, run against every implementation.</summary>
public abstract class ObservationLogTests
{
    protected abstract IObservationLog Log { get; }

    /// <summary>A second log over the same store but another service id (null where the store has no such notion).</summary>
    protected abstract IObservationLog? OtherServiceLog { get; }

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_appends_from_many_accounts_all_land()
    {
        const int accounts = 40;
        const int appendsPerAccount = 10;
        const int rowsPerAppend = 50;
        var appends = Enumerable.Range(0, accounts).Select(a => Task.Run(async () =>
        {
            var rows = ObservationRows.For($"x:{a}").From(1_000 * a, a + 1).Take(appendsPerAccount * rowsPerAppend);
            foreach (var chunk in rows.Chunk(rowsPerAppend))
            {
                await Log.AppendAsync(chunk, Token);
            }
        }, Token));
        await Task.WhenAll(appends);

        for (var a = 0; a < accounts; a++)
        {
            var expected = ObservationRows.For($"x:{a}").From(1_000 * a, a + 1).Take(appendsPerAccount * rowsPerAppend);
            var stored = await ReadAllAsync($"x:{a}", 0);
            Assert.Equal(expected, stored.Select(row => row with { Seq = 0 }).ToList());
            Assert.Equal(stored.Select(row => row.Seq).Order(), stored.Select(row => row.Seq));
        }
    }

    [Fact]
    public async Task Appending_rows_again_stores_each_timestamp_once()
    {
        var rows = ObservationRows.For("x:1").Take(20);
        var first = await Log.AppendAsync(rows, Token);
        var again = await Log.AppendAsync(rows, Token);
        var withOneNew = await Log.AppendAsync([.. rows, .. ObservationRows.For("x:1").Take(1, skip: 20)], Token);

        Assert.True(first > 0, $"The first append reported high-water {first}.");
        Assert.Equal(0, again);
        Assert.True(withOneNew > first, $"A new row got high-water {withOneNew}, not above {first}.");
        var stored = await ReadAllAsync("x:1", 0);
        Assert.Equal(21, stored.Count);
        Assert.Equal(stored.Count, stored.Select(row => row.Timestamp).Distinct().Count());
    }

    [Fact]
    public async Task ReadAfter_returns_exactly_the_rows_written_after_a_sequence()
    {
        var before = ObservationRows.For("x:7").Take(30);
        var after = ObservationRows.For("x:7").Take(25, skip: 30);
        var checkpoint = await Log.AppendAsync(before, Token);
        await Log.AppendAsync(ObservationRows.For("x:8").Take(10), Token);
        await Log.AppendAsync(after, Token);

        var replay = await ReadAllAsync("x:7", checkpoint);

        Assert.Equal(after, replay.Select(row => row with { Seq = 0 }).ToList());
        Assert.All(replay, row => Assert.True(row.Seq > checkpoint, $"Row {row.Timestamp:O} has seq {row.Seq} <= {checkpoint}."));
    }

    [Fact]
    public async Task ReadAfter_skips_rows_stamped_before_the_time_bound()
    {
        var old = ObservationRows.For("x:9").Take(10);
        var checkpoint = await Log.AppendAsync(old, Token);
        var late = ObservationRows.For("x:9").Take(5, skip: 20);
        var lateButOld = ObservationRows.For("x:9").Take(2, skip: 10);
        await Log.AppendAsync([.. late, .. lateButOld], Token);

        var replay = await ReadAllAsync("x:9", checkpoint, notBefore: late[0].Timestamp);

        Assert.Equal(late, replay.Select(row => row with { Seq = 0 }).ToList());
    }

    [Fact]
    public async Task Timestamps_keep_microseconds_and_optional_fields_round_trip()
    {
        var timestamp = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1_234_560);
        var row = new ObservationRow("bluesky:did:plc:abc", timestamp, 10_000_000_000, null, 42, "collector-β");

        await Log.AppendAsync([row], Token);

        var stored = Assert.Single(await ReadAllAsync("bluesky:did:plc:abc", 0));
        Assert.Equal(timestamp.UtcTicks, stored.Timestamp.UtcTicks);
        Assert.Equal(TimeSpan.Zero, stored.Timestamp.Offset);
        Assert.Equal((10_000_000_000L, (long?)null, (long?)42, "collector-β"), (stored.Followers, stored.Following, stored.Posts, stored.Source));
    }

    [Fact]
    public async Task Optional_fields_and_sources_that_change_from_row_to_row_are_each_stored_as_given()
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string?[] sources = [null, "x-api", "x-api", null, null, "csv-import", new string("x-api".AsSpan())];
        ObservationRow RowOf(string account, int i) => new(
            account, start.AddHours(i), 1_000 + i, i % 3 == 0 ? null : i, i % 2 == 0 ? null : 10 * i, sources[i % sources.Length]);

        // Two accounts interleaved within the writes, so the account changes from row to row too.
        var rows = Enumerable.Range(0, 30).Select(i => RowOf(i % 2 == 0 ? "x:even" : "x:odd", i)).ToList();
        await Task.WhenAll(rows.Chunk(4).Select(chunk => Log.AppendAsync(chunk, Token)));

        foreach (var account in new[] { "x:even", "x:odd" })
        {
            var stored = await ReadAllAsync(account, 0);
            Assert.Equal(
                rows.Where(row => row.Account == account).OrderBy(row => row.Timestamp),
                stored.Select(row => row with { Seq = 0 }).OrderBy(row => row.Timestamp));
        }
    }

    [Fact]
    public async Task FindStored_returns_the_timestamps_the_log_holds_for_the_account()
    {
        var rows = ObservationRows.For("x:40").Take(10);
        await Log.AppendAsync(rows, Token);
        await Log.AppendAsync(ObservationRows.For("x:41").Take(12), Token);

        var found = await Log.FindStoredAsync("x:40", [rows[2].Timestamp, rows[9].Timestamp, rows[9].Timestamp.AddHours(1), rows[0].Timestamp.AddSeconds(1)], Token);

        Assert.Equal([rows[2].Timestamp, rows[9].Timestamp], found.Order());
    }

    [Fact]
    public async Task Deleting_an_account_removes_its_rows_only()
    {
        await Log.AppendAsync(ObservationRows.For("x:20").Take(12), Token);
        await Log.AppendAsync(ObservationRows.For("x:21").Take(5), Token);

        var deleted = await Log.DeleteAccountAsync("x:20", Token);

        Assert.Equal(12, deleted);
        Assert.Empty(await ReadAllAsync("x:20", 0));
        Assert.Equal(5, (await ReadAllAsync("x:21", 0)).Count);
    }

    [Fact]
    public async Task Rows_appended_after_deleting_the_newest_account_still_sort_after_every_earlier_high_water()
    {
        // A group commit answers every caller with its highest seq, so x:23's checkpoint can hold x:22's last seq.
        await Log.AppendAsync(ObservationRows.For("x:23").Take(4), Token);
        var checkpoint = await Log.AppendAsync(ObservationRows.For("x:22").Take(6), Token);
        await Log.DeleteAccountAsync("x:22", Token);

        var later = ObservationRows.For("x:23").Take(3, skip: 4);
        await Log.AppendAsync(later, Token);

        Assert.Equal(later, (await ReadAllAsync("x:23", checkpoint)).Select(row => row with { Seq = 0 }).ToList());
    }

    /// <summary>Only for stores that persist; the subclasses that do run it as a test.</summary>
    protected async Task Another_service_id_does_not_see_the_rows_case()
    {
        await Log.AppendAsync(ObservationRows.For("x:30").Take(3), Token);
        await OtherServiceLog!.AppendAsync(ObservationRows.For("x:30").From(5, 1).Take(2), Token);

        var ours = await ReadAllAsync("x:30", 0);
        var theirs = new List<ObservationRow>();
        await foreach (var row in OtherServiceLog.ReadAfterAsync("x:30", 0, cancellationToken: Token))
        {
            theirs.Add(row);
        }

        Assert.Equal([1_000, 1_010, 1_020], ours.Select(row => row.Followers));
        Assert.Equal([5, 6], theirs.Select(row => row.Followers));
    }

    protected Task<List<ObservationRow>> ReadAllAsync(string account, long after, DateTimeOffset notBefore = default) =>
        ReadAllAsync(Log, account, after, notBefore);

    protected static async Task<List<ObservationRow>> ReadAllAsync(IObservationLog log, string account, long after, DateTimeOffset notBefore = default)
    {
        var rows = new List<ObservationRow>();
        await foreach (var row in log.ReadAfterAsync(account, after, notBefore, Token))
        {
            rows.Add(row);
        }

        return rows;
    }
}
