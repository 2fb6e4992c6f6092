using Monitor.Core.Retries;

namespace Monitor.Webhooks;

/// <summary>Exponential backoff with jitter between attempts of a delivery.</summary>
public static class WebhookBackoff
{
    /// <summary>
    /// The wait after failed attempt number <paramref name="attempts"/> (1-based): BackoffBase doubled per earlier failure,
    /// capped at BackoffMax, then scaled by a random factor in [0.5, 1) (<paramref name="jitter"/> in [0, 1)) so that
    /// receivers coming back are not hit by every silo at once.
    /// </summary>
    public static TimeSpan Delay(int attempts, TimeSpan backoffBase, TimeSpan backoffMax, double jitter)
    {
        return ExponentialBackoff.Capped(attempts, backoffBase, backoffMax) * (0.5 + (Math.Clamp(jitter, 0, 1) / 2));
    }
}
