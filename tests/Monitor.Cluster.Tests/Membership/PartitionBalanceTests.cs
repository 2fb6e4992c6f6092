using Monitor.Runtime.Clustering;
using Xunit;

namespace Monitor.Cluster.Tests.Membership;

/// <summary>Rendezvous balance: even shares, and a join or leave moves only the partitions it must.</summary>
public sealed class PartitionBalanceTests
{
    private const int Partitions = 4_096;

    [Fact]
    public void Three_silos_each_get_close_to_a_third_of_the_partitions()
    {
        var owners = PartitionBalance.Assign(Partitions, ["a@1", "b@1", "c@1"]);

        var shares = owners.GroupBy(owner => owner).Select(group => group.Count()).ToList();
        Assert.Equal(3, shares.Count);
        Assert.All(shares, share => Assert.InRange(share, Partitions / 3 * 0.9, Partitions / 3 * 1.1));
    }

    [Fact]
    public void A_joining_silo_takes_partitions_only_from_the_others_and_no_partition_moves_between_old_silos()
    {
        string[] before = ["a@1", "b@1"];
        string[] after = ["a@1", "b@1", "c@1"];
        var old = PartitionBalance.Assign(Partitions, before);
        var now = PartitionBalance.Assign(Partitions, after);

        for (var p = 0; p < Partitions; p++)
        {
            Assert.True(after[now[p]] == before[old[p]] || after[now[p]] == "c@1", $"partition {p} moved from {before[old[p]]} to {after[now[p]]}");
        }
    }

    [Fact]
    public void Every_silo_computes_the_same_assignment_from_the_same_members()
    {
        Assert.Equal(PartitionBalance.Assign(Partitions, ["x@3", "y@1"]), PartitionBalance.Assign(Partitions, ["x@3", "y@1"]));
    }
}
