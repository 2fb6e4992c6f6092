using Orleans;
using Orleans.Runtime;
using Xunit;

namespace Monitor.Storage.Tests;

/// <summary>
/// The behaviour Orleans expects of every <see cref="IReminderTable"/>; each table's test class derives from this one.
/// Calls go through the interface's cancellation-token overloads, the ones Orleans' reminder service uses.
/// </summary>
public abstract class ReminderTableConformanceTests : IAsyncLifetime
{
    private readonly List<IReminderTable> _created = [];
    private IReminderTable? _table;

    protected IReminderTable Table => _table ??= Track(CreateTable());

    public virtual ValueTask InitializeAsync() => default;

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var table in _created)
        {
            switch (table)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    [Fact]
    public async Task An_upserted_row_reads_back_with_the_etag_the_upsert_returned()
    {
        var entry = new ReminderEntryBuilder().Every(TimeSpan.FromMinutes(15)).Build();

        var eTag = await Table.UpsertRow(entry, TestContext.Current.CancellationToken);
        var read = await Table.ReadRow(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken);

        Assert.Equal(ReminderSnapshot.Of(entry) with { ETag = eTag }, ReminderSnapshot.OfFound(read));
        Assert.False(string.IsNullOrEmpty(eTag));
    }

    [Fact]
    public async Task Upserting_again_replaces_the_row_and_changes_the_etag()
    {
        var builder = new ReminderEntryBuilder();
        var first = await Table.UpsertRow(builder.Build(), TestContext.Current.CancellationToken);
        var replacement = builder.Every(TimeSpan.FromDays(1)).StartingAt(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)).Build();

        var second = await Table.UpsertRow(replacement, TestContext.Current.CancellationToken);
        var rows = await Table.ReadRows(replacement.GrainId, TestContext.Current.CancellationToken);

        Assert.NotEqual(first, second);
        Assert.Equal([ReminderSnapshot.Of(replacement) with { ETag = second }], rows.Reminders.Select(ReminderSnapshot.Of));
    }

    [Fact]
    public async Task Removing_with_the_current_etag_deletes_the_row()
    {
        var entry = new ReminderEntryBuilder().Build();
        var eTag = await UpsertForETagAsync(entry);

        var removed = await Table.RemoveRow(entry.GrainId, entry.ReminderName, eTag, TestContext.Current.CancellationToken);

        Assert.True(removed);
        Assert.Null(await Table.ReadRow(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Removing_with_a_stale_etag_returns_false_and_keeps_the_row()
    {
        var entry = new ReminderEntryBuilder().Build();
        var stale = await UpsertForETagAsync(entry);
        var current = await Table.UpsertRow(entry, TestContext.Current.CancellationToken);

        var removed = await Table.RemoveRow(entry.GrainId, entry.ReminderName, stale, TestContext.Current.CancellationToken);
        var garbage = await Table.RemoveRow(entry.GrainId, entry.ReminderName, "not-an-etag", TestContext.Current.CancellationToken);

        Assert.False(removed);
        Assert.False(garbage);
        Assert.Equal(current, (await Table.ReadRow(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken))?.ETag);
    }

    [Fact]
    public async Task Removing_a_missing_row_returns_false()
    {
        Assert.False(await Table.RemoveRow(TestGrains.NewAccount(), "poll", "1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_etag_from_before_a_remove_does_not_remove_the_reminder_created_after_it()
    {
        var entry = new ReminderEntryBuilder().Build();
        var old = await UpsertForETagAsync(entry);
        Assert.True(await Table.RemoveRow(entry.GrainId, entry.ReminderName, old, TestContext.Current.CancellationToken));
        var recreated = await Table.UpsertRow(entry, TestContext.Current.CancellationToken);

        var removed = await Table.RemoveRow(entry.GrainId, entry.ReminderName, old, TestContext.Current.CancellationToken);

        Assert.False(removed);
        Assert.NotEqual(old, recreated);
        Assert.Equal(recreated, (await Table.ReadRow(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken))?.ETag);
    }

    [Fact]
    public async Task Reading_the_rows_of_a_grain_returns_only_its_reminders()
    {
        var key = Guid.NewGuid().ToString("N");
        var account = GrainId.Create("account", key);
        var group = GrainId.Create("group", key);
        var poll = await Upsert(new ReminderEntryBuilder().ForGrain(account).Named("poll").Build());
        var digest = await Upsert(new ReminderEntryBuilder().ForGrain(account).Named("digest").Every(TimeSpan.FromDays(1)).Build());
        var groupPoll = await Upsert(new ReminderEntryBuilder().ForGrain(group).Named("poll").Build());

        var accountRows = await Table.ReadRows(account, TestContext.Current.CancellationToken);
        var groupRows = await Table.ReadRows(group, TestContext.Current.CancellationToken);

        Assert.Equal(new[] { poll, digest }.OrderBy(r => r.ReminderName, StringComparer.Ordinal),
            accountRows.Reminders.Select(ReminderSnapshot.Of).OrderBy(r => r.ReminderName, StringComparer.Ordinal));
        Assert.Equal([groupPoll], groupRows.Reminders.Select(ReminderSnapshot.Of));
        Assert.Empty((await Table.ReadRows(TestGrains.NewAccount(), TestContext.Current.CancellationToken)).Reminders);
    }

    [Fact]
    public async Task Reading_the_whole_ring_returns_every_reminder()
    {
        var upserted = new List<ReminderSnapshot>();
        for (var i = 0; i < 20; i++)
        {
            upserted.Add(await Upsert(new ReminderEntryBuilder().Named($"r{i % 3}").Every(TimeSpan.FromMinutes(i + 1)).Build()));
        }

        var all = await ReadAllAsync(Table);

        Assert.Equal(upserted.ToHashSet(), all.ToHashSet());
    }

    [Fact]
    public async Task Reading_a_range_returns_exactly_the_rows_whose_uniform_hash_is_in_it()
    {
        var upserted = new List<ReminderSnapshot>();
        for (var i = 0; i < 40; i++)
        {
            upserted.Add(await Upsert(new ReminderEntryBuilder().Build()));
        }

        var byHash = upserted.OrderBy(Hash).ToList();
        // Ring positions span the whole uint range: some must lie above int.MaxValue, where a signed column would misorder them.
        Assert.Contains(byHash, row => Hash(row) > int.MaxValue);
        Assert.Contains(byHash, row => Hash(row) <= int.MaxValue);
        var begin = Hash(byHash[10]);
        var end = Hash(byHash[30]);

        var inside = (await Table.ReadRows(begin, end, TestContext.Current.CancellationToken)).Reminders.Select(ReminderSnapshot.Of).ToList();
        var wrapping = (await Table.ReadRows(end, begin, TestContext.Current.CancellationToken)).Reminders.Select(ReminderSnapshot.Of).ToList();

        // (begin, end]: the row at begin is out, the row at end is in; begin >= end wraps around zero.
        Assert.Equal(byHash.Where(row => Hash(row) > begin && Hash(row) <= end).ToHashSet(), inside.ToHashSet());
        Assert.Equal(byHash.Where(row => Hash(row) > end || Hash(row) <= begin).ToHashSet(), wrapping.ToHashSet());
        Assert.DoesNotContain(byHash[10], inside);
        Assert.Contains(byHash[30], inside);
        Assert.Contains(byHash[10], wrapping);
        Assert.DoesNotContain(byHash[30], wrapping);
        Assert.Equal(upserted.Count, inside.Count + wrapping.Count);
    }

    [Fact]
    public async Task A_range_ending_at_the_top_of_the_ring_and_one_starting_there_split_the_ring()
    {
        var upserted = new List<ReminderSnapshot>();
        for (var i = 0; i < 20; i++)
        {
            upserted.Add(await Upsert(new ReminderEntryBuilder().Build()));
        }

        var middle = Hash(upserted.OrderBy(Hash).ElementAt(9));

        var lower = (await Table.ReadRows(uint.MaxValue, middle, TestContext.Current.CancellationToken)).Reminders.Select(ReminderSnapshot.Of).ToList();
        var upper = (await Table.ReadRows(middle, uint.MaxValue, TestContext.Current.CancellationToken)).Reminders.Select(ReminderSnapshot.Of).ToList();

        Assert.Equal(upserted.Where(row => Hash(row) <= middle).ToHashSet(), lower.ToHashSet());
        Assert.Equal(upserted.Where(row => Hash(row) > middle).ToHashSet(), upper.ToHashSet());
        Assert.Equal(10, lower.Count);
    }

    [Fact]
    public async Task Start_time_reads_back_as_the_same_instant_in_utc_to_the_microsecond()
    {
        var startInKyiv = new DateTimeOffset(2026, 6, 1, 9, 30, 15, TimeSpan.FromHours(3)).AddTicks(1_234_567);
        var entry = new ReminderEntryBuilder().StartingAt(startInKyiv).Every(TimeSpan.FromTicks(123_456_789)).Build();

        await Table.UpsertRow(entry, TestContext.Current.CancellationToken);
        var read = await Table.ReadRow(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken);

        Assert.NotNull(read);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(startInKyiv.UtcTicks / 10 * 10, read.StartAt.Ticks);
        Assert.Equal(TimeSpan.FromTicks(123_456_780), read.Period);
    }

    [Fact]
    public async Task Unicode_grain_keys_and_reminder_names_round_trip()
    {
        var entry = new ReminderEntryBuilder().ForGrain(GrainId.Create("account", "telegram:МИД_России")).Named("опрос-每日").Build();

        var eTag = await Table.UpsertRow(entry, TestContext.Current.CancellationToken);

        Assert.Equal(ReminderSnapshot.Of(entry) with { ETag = eTag },
            ReminderSnapshot.OfFound(await Table.ReadRow(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_reminder_get_distinct_etags_and_the_row_keeps_one_of_them()
    {
        var builder = new ReminderEntryBuilder();
        var entries = Enumerable.Range(1, 10).Select(i => builder.Every(TimeSpan.FromMinutes(i)).Build()).ToList();
        var eTags = await Task.WhenAll(entries.Select(entry => Table.UpsertRow(entry, TestContext.Current.CancellationToken)));
        var first = entries[0];

        var read = await Table.ReadRow(first.GrainId, first.ReminderName, TestContext.Current.CancellationToken);

        Assert.Equal(10, eTags.Distinct().Count());
        Assert.NotNull(read);
        var winner = Array.IndexOf(eTags, read.ETag);
        Assert.InRange(winner, 0, 9);
        Assert.Equal(entries[winner].Period, read.Period);
    }

    [Fact]
    public async Task Bad_arguments_throw_naming_the_field()
    {
        var ct = TestContext.Current.CancellationToken;
        var negative = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Table.UpsertRow(new ReminderEntryBuilder().Every(TimeSpan.FromSeconds(-1)).Build(), ct));
        var noName = await Assert.ThrowsAsync<ArgumentException>(() => Table.UpsertRow(new ReminderEntryBuilder().Named("").Build(), ct));
        var noGrain = await Assert.ThrowsAsync<ArgumentException>(() => Table.ReadRows(default(GrainId), ct));
        var noETag = await Assert.ThrowsAsync<ArgumentNullException>(() => Table.RemoveRow(TestGrains.NewAccount(), "poll", null!, ct));

        Assert.Equal("entry.Period", negative.ParamName);
        Assert.Equal(TimeSpan.FromSeconds(-1), negative.ActualValue);
        Assert.Equal("entry.ReminderName", noName.ParamName);
        Assert.Equal("grainId", noGrain.ParamName);
        Assert.Equal("eTag", noETag.ParamName);
    }

    protected abstract IReminderTable CreateTable();

    protected TTable Track<TTable>(TTable table)
        where TTable : IReminderTable
    {
        _created.Add(table);
        return table;
    }

    /// <summary>Every row of <paramref name="table"/>: Orleans reads the whole ring as the range (0, 0].</summary>
    protected static async Task<List<ReminderSnapshot>> ReadAllAsync(IReminderTable table) =>
        [.. (await table.ReadRows(0u, 0u, TestContext.Current.CancellationToken)).Reminders.Select(ReminderSnapshot.Of)];

    private static uint Hash(ReminderSnapshot row) => row.GrainId.GetUniformHashCode();

    /// <summary>Upserts and returns the new ETag, which Orleans' interface declares nullable but a table must return.</summary>
    private async Task<string> UpsertForETagAsync(ReminderEntry entry) =>
        await Table.UpsertRow(entry, TestContext.Current.CancellationToken) ?? throw new InvalidOperationException("UpsertRow returned no ETag.");

    private async Task<ReminderSnapshot> Upsert(ReminderEntry entry) =>
        ReminderSnapshot.Of(entry) with { ETag = await Table.UpsertRow(entry, TestContext.Current.CancellationToken) };
}
