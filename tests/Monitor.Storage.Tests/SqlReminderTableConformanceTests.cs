using Orleans;
using Orleans.Runtime;
using Xunit;

namespace Monitor.Storage.Tests;

/// <summary>Reminder-table cases only a database can meet: service isolation, durability, the stored ring position.</summary>
public abstract class SqlReminderTableConformanceTests : ReminderTableConformanceTests
{
    protected string ServiceId { get; } = $"svc-{Guid.NewGuid():N}";

    [Fact]
    public async Task Rows_of_another_service_are_invisible()
    {
        var other = Track(CreateTable($"{ServiceId}-other"));
        var entry = new ReminderEntryBuilder().Build();
        await other.UpsertRow(entry, TestContext.Current.CancellationToken);

        Assert.Empty(await ReadAllAsync(Table));
        Assert.Empty((await Table.ReadRows(entry.GrainId, TestContext.Current.CancellationToken)).Reminders);
        Assert.Null(await Table.ReadRow(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken));
        Assert.Equal(entry.ReminderName, Assert.Single(await ReadAllAsync(other)).ReminderName);
    }

    [Fact]
    public async Task A_new_table_instance_reads_what_another_wrote()
    {
        var entry = new ReminderEntryBuilder().Build();
        var eTag = await Table.UpsertRow(entry, TestContext.Current.CancellationToken);

        var another = Track(CreateTable(ServiceId));

        Assert.Equal(ReminderSnapshot.Of(entry) with { ETag = eTag },
            ReminderSnapshot.OfFound(await another.ReadRow(entry.GrainId, entry.ReminderName, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task The_stored_grain_hash_is_the_uniform_hash_code_of_the_grain_id()
    {
        var grains = new[] { TestGrains.NewAccount(), GrainId.Create("group", "turkic-mfa"), GrainId.Create("account", new string('x', 600)) };
        foreach (var grain in grains)
        {
            await Table.UpsertRow(new ReminderEntryBuilder().ForGrain(grain).Build(), TestContext.Current.CancellationToken);
        }

        foreach (var grain in grains)
        {
            Assert.Equal((long)grain.GetUniformHashCode(), await ReadStoredGrainHashAsync(grain));
        }
    }

    protected sealed override IReminderTable CreateTable() => CreateTable(ServiceId);

    protected abstract IReminderTable CreateTable(string serviceId);

    /// <summary>The <c>grain_hash</c> column of the grain's reminder row of this class's service.</summary>
    protected abstract Task<long> ReadStoredGrainHashAsync(GrainId grainId);
}
