using System.Diagnostics;
using Microsoft.Extensions.Options;
using Monitor.Telemetry;

namespace Monitor.Webhooks;

/// <summary>Claims due deliveries, attempts each once, and records delivered, retry later (backoff with jitter) or dead.</summary>
public sealed class WebhookDispatcher(
    WebhookOutbox outbox,
    WebhookReceivers receivers,
    WebhookSender sender,
    ServiceInstruments instruments,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    /// <summary>Attempts the deliveries due now; returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = await outbox.ClaimAsync(time.GetUtcNow(), settings.MaxConcurrentDeliveries, cancellationToken).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var known = (await receivers.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(receiver => receiver.Id, StringComparer.Ordinal);
        await Task.WhenAll(claimed.Select(delivery => AttemptAsync(delivery, known.GetValueOrDefault(delivery.ReceiverId), settings, cancellationToken))).ConfigureAwait(false);
        return claimed.Count;
    }

    private async Task AttemptAsync(WebhookDelivery delivery, WebhookReceiver? receiver, WebhookOptions settings, CancellationToken cancellationToken)
    {
        var attempt = delivery.Attempts + 1;
        var outcome = receiver is null
            ? new WebhookAttempt(null, "receiver deleted")
            : await sender.SendAsync(receiver, delivery, attempt, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        string state;
        var next = now;
        if (outcome.Succeeded)
        {
            state = WebhookDeliveryStates.Delivered;
        }
        else if (receiver is null || attempt >= settings.MaxAttempts)
        {
            state = WebhookDeliveryStates.Dead;
            logger.LogWarning("Webhook delivery {Delivery} to {Receiver} is dead after {Attempts} attempts: {Error}", delivery.DeliveryId, delivery.ReceiverId, attempt, outcome.Error);
        }
        else
        {
            state = WebhookDeliveryStates.Pending;
            next = now + WebhookBackoff.Delay(attempt, settings.BackoffBase, settings.BackoffMax, Random.Shared.NextDouble());
        }

        instruments.WebhookDeliveries.Add(1, new TagList { { "receiver", delivery.ReceiverId }, { "outcome", state == WebhookDeliveryStates.Pending ? "failed" : state } });
        // The outcome is recorded even when the silo is stopping: a sent message left looking unsent would be sent again.
        if (!await outbox.CompleteAsync(delivery, state, now, next, outcome.Status, outcome.Error, CancellationToken.None).ConfigureAwait(false))
        {
            logger.LogWarning("The lease on webhook delivery {Delivery} lapsed before its attempt was recorded", delivery.DeliveryId);
        }
    }
}
