using Xunit;

namespace Monitor.Storage.Tests;

/// <summary>The behaviour every <see cref="IReminderTable"/> must have; each table's test class derives from this one.</summary>
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

        var eTag = await Table.UpsertRowAsync(entry, TestContext.Current.CancellationToken);
        var read = await Table.ReadRowAsync(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken);

        Assert.Equal(entry with { ETag = eTag }, read);
    }

    [Fact]
    public async Task Upserting_again_replaces_the_row_and_changes_the_etag()
    {
        var builder = new ReminderEntryBuilder();
        var first = await Table.UpsertRowAsync(builder.Build(), TestContext.Current.CancellationToken);
        var replacement = builder.Every(TimeSpan.FromDays(1)).StartingAt(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero)).Build();

        var second = await Table.UpsertRowAsync(replacement, TestContext.Current.CancellationToken);
        var rows = await Table.ReadRowsAsync(replacement.GrainId, TestContext.Current.CancellationToken);

        Assert.NotEqual(first, second);
        Assert.Equal([replacement with { ETag = second }], rows);
    }

    [Fact]
    public async Task Removing_with_the_current_etag_deletes_the_row()
    {
        var entry = new ReminderEntryBuilder().Build();
        var eTag = await Table.UpsertRowAsync(entry, TestContext.Current.CancellationToken);

        var removed = await Table.RemoveRowAsync(entry.GrainId, entry.ReminderName, eTag, TestContext.Current.CancellationToken);

        Assert.True(removed);
        Assert.Null(await Table.ReadRowAsync(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Removing_with_a_stale_etag_returns_false_and_keeps_the_row()
    {
        var entry = new ReminderEntryBuilder().Build();
        var stale = await Table.UpsertRowAsync(entry, TestContext.Current.CancellationToken);
        var current = await Table.UpsertRowAsync(entry, TestContext.Current.CancellationToken);

        var removed = await Table.RemoveRowAsync(entry.GrainId, entry.ReminderName, stale, TestContext.Current.CancellationToken);
        var garbage = await Table.RemoveRowAsync(entry.GrainId, entry.ReminderName, "not-an-etag", TestContext.Current.CancellationToken);

        Assert.False(removed);
        Assert.False(garbage);
        Assert.Equal(current, (await Table.ReadRowAsync(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken))?.ETag);
    }

    [Fact]
    public async Task Removing_a_missing_row_returns_false()
    {
        Assert.False(await Table.RemoveRowAsync(TestGrains.NewAccount(), "poll", "1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_etag_from_before_a_remove_does_not_remove_the_reminder_created_after_it()
    {
        var entry = new ReminderEntryBuilder().Build();
        var old = await Table.UpsertRowAsync(entry, TestContext.Current.CancellationToken);
        Assert.True(await Table.RemoveRowAsync(entry.GrainId, entry.ReminderName, old, TestContext.Current.CancellationToken));
        var recreated = await Table.UpsertRowAsync(entry, TestContext.Current.CancellationToken);

        var removed = await Table.RemoveRowAsync(entry.GrainId, entry.ReminderName, old, TestContext.Current.CancellationToken);

        Assert.False(removed);
        Assert.NotEqual(old, recreated);
        Assert.NotNull(await Table.ReadRowAsync(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reading_the_rows_of_a_grain_returns_only_its_reminders()
    {
        var key = Guid.NewGuid().ToString("N");
        var account = new GrainId("account", key);
        var group = new GrainId("group", key);
        var poll = await Upsert(new ReminderEntryBuilder().ForGrain(account).Named("poll").Build());
        var digest = await Upsert(new ReminderEntryBuilder().ForGrain(account).Named("digest").Every(TimeSpan.FromDays(1)).Build());
        var groupPoll = await Upsert(new ReminderEntryBuilder().ForGrain(group).Named("poll").Build());

        var accountRows = await Table.ReadRowsAsync(account, TestContext.Current.CancellationToken);
        var groupRows = await Table.ReadRowsAsync(group, TestContext.Current.CancellationToken);

        Assert.Equal(new[] { poll, digest }.OrderBy(r => r.ReminderName, StringComparer.Ordinal), accountRows.OrderBy(r => r.ReminderName, StringComparer.Ordinal));
        Assert.Equal([groupPoll], groupRows);
        Assert.Empty(await Table.ReadRowsAsync(TestGrains.NewAccount(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reading_all_rows_returns_every_reminder()
    {
        var upserted = new List<ReminderEntry>();
        for (var i = 0; i < 20; i++)
        {
            upserted.Add(await Upsert(new ReminderEntryBuilder().Named($"r{i % 3}").Every(TimeSpan.FromMinutes(i + 1)).Build()));
        }

        var all = await Table.ReadAllAsync(TestContext.Current.CancellationToken);

        Assert.Equal(upserted.ToHashSet(), all.ToHashSet());
    }

    [Fact]
    public async Task Start_time_reads_back_as_the_same_instant_in_utc_to_the_microsecond()
    {
        var startInKyiv = new DateTimeOffset(2026, 6, 1, 9, 30, 15, TimeSpan.FromHours(3)).AddTicks(1_234_567);
        var entry = new ReminderEntryBuilder().StartingAt(startInKyiv).Every(TimeSpan.FromTicks(123_456_789)).Build();

        await Table.UpsertRowAsync(entry, TestContext.Current.CancellationToken);
        var read = await Table.ReadRowAsync(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken);

        Assert.NotNull(read);
        Assert.Equal(TimeSpan.Zero, read.StartAt.Offset);
        Assert.Equal(startInKyiv.UtcTicks / 10 * 10, read.StartAt.UtcTicks);
        Assert.Equal(TimeSpan.FromTicks(123_456_780), read.Period);
    }

    [Fact]
    public async Task Unicode_grain_keys_and_reminder_names_round_trip()
    {
        var entry = new ReminderEntryBuilder().ForGrain(new GrainId("account", "telegram:МИД_России")).Named("опрос-每日").Build();

        var eTag = await Table.UpsertRowAsync(entry, TestContext.Current.CancellationToken);

        Assert.Equal(entry with { ETag = eTag }, await Table.ReadRowAsync(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_reminder_get_distinct_etags_and_the_row_keeps_one_of_them()
    {
        var builder = new ReminderEntryBuilder();
        var eTags = await Task.WhenAll(Enumerable.Range(1, 10)
            .Select(i => Table.UpsertRowAsync(builder.Every(TimeSpan.FromMinutes(i)).Build(), TestContext.Current.CancellationToken)));
        var entry = builder.Build();

        var read = await Table.ReadRowAsync(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken);

        Assert.Equal(10, eTags.Distinct().Count());
        Assert.NotNull(read);
        Assert.Contains(read.ETag, eTags);
    }

    [Fact]
    public async Task Bad_arguments_throw_naming_the_field()
    {
        var ct = TestContext.Current.CancellationToken;
        var negative = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Table.UpsertRowAsync(new ReminderEntryBuilder().Every(TimeSpan.FromSeconds(-1)).Build(), ct));
        var noName = await Assert.ThrowsAsync<ArgumentException>(() => Table.UpsertRowAsync(new ReminderEntryBuilder().Named("").Build(), ct));
        var noGrain = await Assert.ThrowsAsync<ArgumentException>(() => Table.ReadRowsAsync(default, ct));
        var noETag = await Assert.ThrowsAsync<ArgumentNullException>(() => Table.RemoveRowAsync(TestGrains.NewAccount(), "poll", null!, ct));

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

    private async Task<ReminderEntry> Upsert(ReminderEntry entry) => entry with { ETag = await Table.UpsertRowAsync(entry, TestContext.Current.CancellationToken) };
}
