using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Monitor.Hosting;

/// <summary>Ready once the Orleans silo is an active member of its cluster.</summary>
internal sealed class SiloReadinessCheck(ILocalSiloDetails silo, ISiloStatusOracle membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(membership.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy($"{silo.SiloAddress} is active")
            : HealthCheckResult.Unhealthy($"{silo.SiloAddress} is {membership.CurrentStatus}"));
}
