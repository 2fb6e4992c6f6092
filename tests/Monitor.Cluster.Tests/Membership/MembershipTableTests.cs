using Monitor.Cluster.Tests.Infrastructure;
using Monitor.Runtime.Clustering;
using Monitor.Testing;
using Xunit;

namespace Monitor.Cluster.Tests.Membership;

/// <summary>Membership and lease compare-and-swaps against real PostgreSQL, with several "silos" as distinct silo ids in one process.</summary>
public sealed class MembershipTableTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private const int Partitions = 64;

    private static int _services;

    private MembershipTable _table = null!;

    public async ValueTask InitializeAsync()
    {
        await ClusterSchema.ApplyAsync(database.DataSource);
        _table = new MembershipTable(database.DataSource, $"svc-{Interlocked.Increment(ref _services)}");
        await _table.EnsurePartitionsAsync(Partitions);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_restarted_silo_joins_with_a_new_generation_and_the_dead_one_cannot_heartbeat()
    {
        var first = await _table.JoinAsync("silo-a", "http://a:1");
        var member = (await _table.ReadMembersAsync()).Single(m => m.SiloId == "silo-a");
        Assert.True(await _table.DeclareDeadAsync(member, TimeSpan.FromSeconds(2)));

        var second = await _table.JoinAsync("silo-a", "http://a:1");

        Assert.Equal(first + 1, second);
        Assert.Null(await _table.HeartbeatAsync("silo-a", first));
        Assert.Equal(SiloStatus.Active, await _table.HeartbeatAsync("silo-a", second));
        Assert.Equal([second], (await _table.ReadMembersAsync()).Where(m => m.SiloId == "silo-a").Select(m => m.Generation));
    }

    [Fact]
    public async Task Declaring_a_silo_dead_fails_when_it_heartbeated_after_it_was_seen()
    {
        var generation = await _table.JoinAsync("silo-b", "http://b:1");
        var seen = (await _table.ReadMembersAsync()).Single(m => m.SiloId == "silo-b");
        await _table.HeartbeatAsync("silo-b", generation);

        Assert.False(await _table.DeclareDeadAsync(seen, TimeSpan.FromSeconds(2)));
        Assert.Equal(SiloStatus.Active, await _table.HeartbeatAsync("silo-b", generation));
    }

    [Fact]
    public async Task A_partition_held_by_a_live_silo_is_taken_only_after_that_silo_is_declared_dead_and_its_epoch_grows()
    {
        var owner = await _table.JoinAsync("silo-c", "http://c:1");
        var thief = await _table.JoinAsync("silo-d", "http://d:1");
        var first = await _table.AcquireAsync("silo-c", owner, [5, 6]);
        Assert.Equal([(5, 1L), (6, 1L)], first.OrderBy(t => t.Partition));

        Assert.Empty(await _table.AcquireAsync("silo-d", thief, [5, 6]));

        var victim = (await _table.ReadMembersAsync()).Single(m => m.SiloId == "silo-c");
        Assert.True(await _table.DeclareDeadAsync(victim, TimeSpan.FromSeconds(2)));
        var taken = await _table.AcquireAsync("silo-d", thief, [5, 6]);

        Assert.Equal([(5, 2L), (6, 2L)], taken.OrderBy(t => t.Partition));
        var leases = await _table.ReadLeasesAsync(Partitions);
        Assert.True(leases[5].IsOwnedBy("silo-d", thief));
    }

    [Fact]
    public async Task A_released_partition_is_free_for_the_next_silo_with_a_higher_epoch()
    {
        var a = await _table.JoinAsync("silo-e", "http://e:1");
        var b = await _table.JoinAsync("silo-f", "http://f:1");
        await _table.AcquireAsync("silo-e", a, [9]);

        Assert.Equal(1, await _table.ReleaseAsync("silo-e", a, [9]));
        var taken = await _table.AcquireAsync("silo-f", b, [9]);

        Assert.Equal([(9, 3L)], taken);
    }
}
