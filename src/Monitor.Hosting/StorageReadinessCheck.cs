using Microsoft.Extensions.Diagnostics.HealthChecks;
using Monitor.Abstractions.Accounts;

namespace Monitor.Hosting;

/// <summary>Ready when storage answers a query: lists one account from the account directory.</summary>
public sealed class StorageReadinessCheck(IAccountDirectory directory) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var page = await directory.ListAsync(new AccountListQuery(Limit: 1), cancellationToken);
            return HealthCheckResult.Healthy($"{page.Total} accounts");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Storage did not answer a query.", ex);
        }
    }
}
