using Monitor.Cluster.Tests.Infrastructure;
using Monitor.Runtime;
using Monitor.Runtime.Clustering;
using Monitor.Runtime.Storage;
using Monitor.Testing;
using Xunit;

namespace Monitor.Cluster.Tests.Fencing;

/// <summary>The epoch check at the storage level: a grain-state write from a silo whose lease moved on is refused by the database.</summary>
public sealed class StorageFencingTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private const int Partitions = 16;
    private const string ServiceId = "fence-tests";

    private MembershipTable _table = null!;

    public async ValueTask InitializeAsync()
    {
        await ClusterSchema.ApplyAsync(database.DataSource);
        _table = new MembershipTable(database.DataSource, ServiceId);
        await _table.EnsurePartitionsAsync(Partitions);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_write_after_the_silo_was_declared_dead_and_its_partition_taken_is_refused_and_the_stored_state_is_the_successors()
    {
        var grain = new GrainId("counter", "account-1");
        var (fence, storage) = await JoinAndHoldAsync("old-silo", grain);
        await using var _ = storage;
        var state = new GrainState<CounterState>(new CounterState(1));
        await storage.WriteStateAsync("state", grain, state);

        var member = (await _table.ReadMembersAsync()).Single(m => m.SiloId == "old-silo");
        Assert.True(await _table.DeclareDeadAsync(member, TimeSpan.FromSeconds(2)));
        var (_, successor) = await JoinAndHoldAsync("new-silo", grain);
        await using var __ = successor;
        var taken = new GrainState<CounterState>(new CounterState(0));
        await successor.ReadStateAsync("state", grain, taken);
        taken.State = new CounterState(100);
        await successor.WriteStateAsync("state", grain, taken);

        state.State = new CounterState(2);
        var refusal = await Assert.ThrowsAsync<PartitionFencedException>(() => storage.WriteStateAsync("state", grain, state));

        Assert.Contains("old-silo", refusal.Message);
        var stored = new GrainState<CounterState>(new CounterState(0));
        await successor.ReadStateAsync("state", grain, stored);
        Assert.Equal(100, stored.State.Value);
    }

    [Fact]
    public async Task A_write_with_a_stale_epoch_from_a_live_silo_is_refused_naming_the_partition()
    {
        var grain = new GrainId("counter", "account-2");
        var (fence, storage) = await JoinAndHoldAsync("live-silo", grain);
        await using var _ = storage;
        var partition = fence.PartitionOf(grain.Key);

        // The lease moves behind the silo's back (released and taken by another): the silo still believes it holds it.
        await _table.ReleaseAsync("live-silo", fence.Generation, [partition]);
        var (_, other) = await JoinAndHoldAsync("other-silo", grain);
        await using var __ = other;

        var refusal = await Assert.ThrowsAsync<PartitionFencedException>(
            () => storage.WriteStateAsync("state", grain, new GrainState<CounterState>(new CounterState(7))));

        Assert.Equal([partition], refusal.Partitions);
    }

    [Fact]
    public async Task A_write_for_a_partition_the_silo_does_not_hold_is_refused_before_it_reaches_the_database()
    {
        var grain = new GrainId("counter", "account-3");
        var (fence, storage) = await JoinAndHoldAsync("partial-silo", grain);
        await using var _ = storage;
        var elsewhere = Enumerable.Range(0, 1000).Select(i => new GrainId("counter", $"other-{i}"))
            .First(id => fence.PartitionOf(id.Key) != fence.PartitionOf(grain.Key));

        await Assert.ThrowsAsync<PartitionFencedException>(
            () => storage.WriteStateAsync("state", elsewhere, new GrainState<CounterState>(new CounterState(1))));
        await storage.WriteStateAsync("state", grain, new GrainState<CounterState>(new CounterState(1)));
    }

    private async Task<(PartitionFence Fence, PostgresGrainStorage Storage)> JoinAndHoldAsync(string siloId, GrainId grain)
    {
        var fence = new PartitionFence(ServiceId, Partitions);
        var generation = await _table.JoinAsync(siloId, $"http://{siloId}:1");
        fence.Reset(siloId, generation);
        fence.Extend(TimeSpan.FromMinutes(5));
        var partition = fence.PartitionOf(grain.Key);
        foreach (var (p, epoch) in await _table.AcquireAsync(siloId, generation, [partition]))
        {
            fence.Grant(p, epoch);
        }

        Assert.True(fence.Holds(partition), $"{siloId} could not acquire partition {partition}");
        var storage = new PostgresGrainStorage("Default", new PostgresStorageOptions
        {
            ConnectionString = database.ConnectionString,
            ServiceId = ServiceId,
            Fence = fence,
        });
        return (fence, storage);
    }

    public sealed record CounterState(int Value);
}
