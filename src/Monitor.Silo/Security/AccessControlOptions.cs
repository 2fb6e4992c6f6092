namespace Monitor.Silo.Security;

/// <summary>Settings of API keys and per-key rate limits (<c>Monitor:Security</c>).</summary>
public sealed class AccessControlOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Monitor:Security";

    // With no active key and loopback-only addresses the silo runs open (everyone is admin); false refuses that too.
    public bool AllowOpenTrial { get; set; } = true;

    // How long a verified key is trusted from memory; a key revoked by another process stops working within this time.
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    // How often, while open, the silo looks whether a key was created by another process (the command line).
    public TimeSpan OpenModeRecheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    // last_used_at is written at most this often per key.
    public TimeSpan LastUsedResolution { get; set; } = TimeSpan.FromMinutes(1);

    // Per-key token bucket: this many requests per RateLimitPeriod...
    public int RateLimitPermits { get; set; } = 200;

    // ...replenished every period...
    public TimeSpan RateLimitPeriod { get; set; } = TimeSpan.FromSeconds(1);

    // ...with bursts up to this many requests; 0 turns rate limiting off.
    public int RateLimitBurst { get; set; } = 400;

    // Requests without a valid key (none, unknown, revoked, expired) are limited per client address: this many per
    // RateLimitPeriod, in bursts up to AnonymousRateLimitBurst (0 turns it off), so keys cannot be guessed at speed.
    // Open trial mode is not limited. Behind a proxy every client shares the proxy's address.
    public int AnonymousRateLimitPermits { get; set; } = 20;

    public int AnonymousRateLimitBurst { get; set; } = 40;

    // An admin key (mon_<16 hex>_<43 base64url>) stored at start unless its id exists: how a silo that listens beyond
    // loopback gets its first key in a container (from a Secret, never from a file in the image).
    public string? BootstrapAdminKey { get; set; }
}
