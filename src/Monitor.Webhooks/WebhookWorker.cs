using Microsoft.Extensions.Options;

namespace Monitor.Webhooks;

/// <summary>The silo's webhook loop: every poll period, pump new alert changes into the outbox and attempt due deliveries; every prune period, prune delivered rows.</summary>
public sealed class WebhookWorker(
    WebhookOutbox outbox,
    WebhookReceivers receivers,
    WebhookDispatcher dispatcher,
    WebhookPruner pruner,
    IAlertChangeSource changes,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lastPruned = DateTimeOffset.MinValue;
        await PollingLoop.RunAsync(
            async cancellationToken =>
            {
                await RunOnceAsync(cancellationToken).ConfigureAwait(false);
                if (time.GetUtcNow() - lastPruned >= settings.PrunePeriod)
                {
                    lastPruned = time.GetUtcNow();
                    await PruneAsync(cancellationToken).ConfigureAwait(false);
                }
            },
            settings.PollPeriod,
            time,
            ex => logger.LogError(ex, "Webhook pump or dispatch failed; retrying in {Period}", settings.PollPeriod),
            stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Prunes delivered rows older than the retention; returns what it removed.</summary>
    public async Task<WebhookPruneResult> PruneAsync(CancellationToken cancellationToken)
    {
        var pruned = await pruner.PruneAsync(time.GetUtcNow() - options.Value.DeliveredRetention, cancellationToken).ConfigureAwait(false);
        if (pruned.Deliveries + pruned.OutboxRows > 0)
        {
            logger.LogInformation("Pruned {Deliveries} delivered webhook messages and {Rows} outbox rows", pruned.Deliveries, pruned.OutboxRows);
        }

        return pruned;
    }

    /// <summary>Pumps until the change log is drained, then dispatches until nothing is due (a failed attempt waits for its backoff).</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var inForce = await receivers.ListAsync(cancellationToken).ConfigureAwait(false);
        WebhookPumpResult pumped;
        do
        {
            pumped = await outbox.PumpAsync(changes, inForce, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (pumped.ChangesMissed > 0)
            {
                logger.LogWarning("{Missed} alert changes left the hub's change log before webhooks read them; receivers will not get them", pumped.ChangesMissed);
            }
        }
        while (pumped.ChangesRead >= settings.ChangeBatchSize);

        while (await dispatcher.RunOnceAsync(cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }
}
