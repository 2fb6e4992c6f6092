namespace Monitor.AccessControl;

/// <summary>
/// Runs before the silo listens: refuses to start on an address reachable from elsewhere without an active admin key,
/// and warns loudly when the silo runs open (loopback only, no key has ever existed).
/// </summary>
public sealed class AccessModeGuard(KeyRing keys, AuditLog audit, TimeProvider time, ILogger<AccessModeGuard> logger) : IHostedService
{
    /// <summary>Start of the refusal message (tests and operators search for it).</summary>
    public const string RefusalMessage = "Refusing to start: the silo listens on an address other than loopback and no active admin API key exists.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await keys.EnsureBootstrapAdminAsync(cancellationToken) is { } bootstrap)
        {
            await audit.AppendAsync(
                new AuditEntry(0, time.GetUtcNow(), "config", nameof(AccessControlOptions.BootstrapAdminKey), "keys bootstrap", $"key {bootstrap.Id} (admin)", 0),
                cancellationToken);
            logger.LogInformation("Stored the bootstrap admin key {KeyId} from Monitor:Security:BootstrapAdminKey", bootstrap.Id);
        }

        if (!keys.LoopbackOnly)
        {
            if (await keys.CountActiveAdminsAsync(cancellationToken) == 0)
            {
                throw new InvalidOperationException(
                    $"{RefusalMessage} Create one first with 'monitor keys create --role admin' (same storage options as serve), " +
                    "set Monitor:Security:BootstrapAdminKey (Monitor__Security__BootstrapAdminKey), or listen on 127.0.0.1 only.");
            }

            return;
        }

        if (await keys.IsOpenAsync(cancellationToken))
        {
            logger.LogWarning(
                "OPEN TRIAL MODE: no API key has ever existed and the silo listens on loopback only, so EVERY request is allowed as admin. " +
                "Create a key with 'monitor keys create --role admin' (or POST /api/keys) to turn access control on.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
