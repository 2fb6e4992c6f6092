using Orleans.Runtime;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>One row of Orleans' <c>OrleansMembershipTable</c>: a silo incarnation (address, port, generation) and its status.</summary>
public sealed record MembershipRow(string Address, int Port, int Generation, SiloStatus Status, string SiloName)
{
    public override string ToString() => $"{Address}:{Port}@{Generation} {Status}";
}
