using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.Runtime.Clustering;

namespace Monitor.Silo.Hosting;

/// <summary>Ready once the silo has joined the cluster and holds its share of the partitions.</summary>
internal sealed class ClusterReadinessCheck(ClusterMembershipService membership, PartitionFence fence) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(membership.IsReady
            ? HealthCheckResult.Healthy($"{membership.Identity} holds {fence.HeldCount} partitions")
            : HealthCheckResult.Unhealthy($"{membership.Identity} has not taken its share of partitions yet ({fence.HeldCount} held)"));
}
