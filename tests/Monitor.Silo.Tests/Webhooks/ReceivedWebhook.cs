using System.Text.Json;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>One request the loopback receiver got: when, its idempotency id and attempt, the body, whether its signature verified, what it answered.</summary>
public sealed record ReceivedWebhook(DateTimeOffset At, string? DeliveryId, int Attempt, string Body, bool SignatureValid, long SignedAt, int AnsweredStatus)
{
    /// <summary>True when the receiver accepted it (2xx).</summary>
    public bool Accepted => AnsweredStatus is >= 200 and < 300;

    /// <summary>The body parsed.</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
