using Xunit;

namespace Monitor.Storage.Tests;

/// <summary>Reminder-table cases only a database can meet: service isolation, durability, the stored grain hash.</summary>
public abstract class SqlReminderTableConformanceTests : ReminderTableConformanceTests
{
    protected string ServiceId { get; } = $"svc-{Guid.NewGuid():N}";

    [Fact]
    public async Task Rows_of_another_service_are_invisible()
    {
        var other = Track(CreateTable($"{ServiceId}-other"));
        var entry = new ReminderEntryBuilder().Build();
        await other.UpsertRowAsync(entry, TestContext.Current.CancellationToken);

        Assert.Empty(await Table.ReadAllAsync(TestContext.Current.CancellationToken));
        Assert.Null(await Table.ReadRowAsync(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken));
        Assert.Single(await other.ReadAllAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_new_table_instance_reads_what_another_wrote()
    {
        var entry = new ReminderEntryBuilder().Build();
        var eTag = await Table.UpsertRowAsync(entry, TestContext.Current.CancellationToken);

        var another = Track(CreateTable(ServiceId));

        Assert.Equal(entry with { ETag = eTag }, await another.ReadRowAsync(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_stored_grain_hash_is_the_stable_hash_of_the_grain_id()
    {
        var grains = new[] { TestGrains.NewAccount(), new GrainId("group", "turkic-mfa"), new GrainId("account", new string('x', 600)) };
        foreach (var grain in grains)
        {
            await Table.UpsertRowAsync(new ReminderEntryBuilder().ForGrain(grain).Build(), TestContext.Current.CancellationToken);
        }

        foreach (var grain in grains)
        {
            Assert.Equal(StableGrainHash.Compute(grain), await ReadStoredGrainHashAsync(grain));
        }
    }

    protected sealed override IReminderTable CreateTable() => CreateTable(ServiceId);

    protected abstract IReminderTable CreateTable(string serviceId);

    protected abstract Task<int> ReadStoredGrainHashAsync(GrainId grainId);
}
