using Orleans.Storage;
using Xunit;

namespace Monitor.Storage.Tests;

/// <summary>
/// Conformance cases only a database-backed provider can meet: durability across instances, service isolation,
/// group commit and a schema applied once.
/// </summary>
public abstract class SqlGrainStorageConformanceTests : GrainStorageConformanceTests
{
    /// <summary>A service id of this test alone, so tests sharing a database do not see each other's rows.</summary>
    protected string ServiceId { get; } = $"svc-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_new_provider_on_the_same_database_reads_what_a_disposed_one_wrote()
    {
        var grain = TestGrains.NewAccount();
        var first = CreateStorage(ServiceId);
        var written = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(31_337).WithHistory(50).Build());
        await first.WriteStateAsync("account", grain, written, TestContext.Current.CancellationToken);
        await first.DisposeAsync();

        var reopened = Track(CreateStorage(ServiceId));
        var read = await ReadAsync<AccountSnapshot>(reopened, grain);

        Assert.Equal(written.ETag, read.ETag);
        AssertSameSnapshot(written.State, read.State);
    }

    [Fact]
    public async Task Disposing_commits_the_writes_still_queued()
    {
        var storage = CreateStorage(ServiceId);
        var writes = Enumerable.Range(0, 100)
            .Select(i => (Grain: TestGrains.NewAccount(), State: new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(i).Build())))
            .ToList();
        var tasks = writes.Select(w => storage.WriteStateAsync("account", w.Grain, w.State, TestContext.Current.CancellationToken)).ToList();

        await storage.DisposeAsync();

        // Read through a fresh provider before looking at the callers' tasks: the rows must already be in the database.
        var reopened = Track(CreateStorage(ServiceId));
        var stored = new List<string?>();
        foreach (var (grain, _) in writes)
        {
            stored.Add((await ReadAsync<AccountSnapshot>(reopened, grain)).ETag);
        }

        await Task.WhenAll(tasks);
        Assert.Equal(writes.Select(w => w.State.ETag), stored);
        Assert.DoesNotContain(null, stored);
    }

    [Fact]
    public async Task Providers_with_different_service_ids_do_not_see_each_others_records()
    {
        var grain = TestGrains.NewAccount();
        var mine = Track(CreateStorage(ServiceId));
        var theirs = Track(CreateStorage($"{ServiceId}-other"));
        await mine.WriteStateAsync("account", grain, new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(1).Build()), TestContext.Current.CancellationToken);

        var seenByOther = await ReadAsync<AccountSnapshot>(theirs, grain);
        await theirs.WriteStateAsync("account", grain, new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(2).Build()), TestContext.Current.CancellationToken);

        Assert.False(seenByOther.RecordExists);
        Assert.Equal(1, (await ReadAsync<AccountSnapshot>(mine, grain)).State.Followers);
        Assert.Equal(2, (await ReadAsync<AccountSnapshot>(theirs, grain)).State.Followers);
    }

    [Fact]
    public async Task Writes_queued_while_the_database_is_locked_are_committed_in_a_few_batches()
    {
        var storage = Track(CreateStorage(ServiceId));
        await storage.WriteStateAsync("account", TestGrains.NewAccount(), new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build()), TestContext.Current.CancellationToken);
        var batchesBefore = storage.BatchCount;
        var writes = Enumerable.Range(0, 200)
            .Select(i => (Grain: TestGrains.NewAccount(), State: new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(i).Build())))
            .ToList();

        List<Task> tasks;
        await using (await HoldWriteLockAsync())
        {
            // Each call serialises and queues before it returns; every batch taken now waits for the lock.
            tasks = [.. writes.Select(w => storage.WriteStateAsync("account", w.Grain, w.State, TestContext.Current.CancellationToken))];
        }

        await Task.WhenAll(tasks);

        var batches = storage.BatchCount - batchesBefore;
        Assert.InRange(batches, 1, 8);
        Assert.Equal(200, writes.Select(w => w.State.ETag).Distinct().Count());
        Assert.Equal(199, (await ReadAsync<AccountSnapshot>(storage, writes[^1].Grain)).State.Followers);
    }

    [Fact]
    public async Task A_second_provider_on_the_same_database_applies_no_schema_scripts()
    {
        var first = Track(CreateStorage(ServiceId));
        await first.WriteStateAsync("account", TestGrains.NewAccount(), new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build()), TestContext.Current.CancellationToken);
        var recordedAfterFirst = await ReadSchemaVersionsAsync();

        var second = Track(CreateStorage(ServiceId));
        await second.WriteStateAsync("account", TestGrains.NewAccount(), new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build()), TestContext.Current.CancellationToken);
        var recordedAfterSecond = await ReadSchemaVersionsAsync();

        var expected = SchemaMigrator.CreateDefault(Dialect).GetScripts().Select(script => script.Name).ToList();
        Assert.Equal(expected, recordedAfterFirst.Select(row => row.Name).Order(StringComparer.Ordinal));
        Assert.Equal(recordedAfterFirst, recordedAfterSecond);
    }

    protected abstract SchemaDialect Dialect { get; }

    protected sealed override IGrainStorage CreateStorage() => CreateStorage(ServiceId);

    /// <summary>A new provider instance over this class's database.</summary>
    protected abstract SqlGrainStorage CreateStorage(string serviceId);

    /// <summary>Takes a lock that makes the provider's next commit wait until the returned handle is disposed.</summary>
    protected abstract Task<IAsyncDisposable> HoldWriteLockAsync();

    /// <summary>The rows of <c>schema_version</c>: script name and when it was applied, as text.</summary>
    protected abstract Task<IReadOnlyList<(string Name, string AppliedOn)>> ReadSchemaVersionsAsync();
}
