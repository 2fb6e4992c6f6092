namespace Monitor.AccessControl;

/// <summary>Settings of API keys and per-key rate limits (<c>Monitor:Security</c>).</summary>
public sealed class AccessControlOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Monitor:Security";

    /// <summary>With no active key and loopback-only addresses the silo runs open (everyone is admin); false refuses that too.</summary>
    public bool AllowOpenTrial { get; set; } = true;

    /// <summary>How long a verified key is trusted from memory; a key revoked by another process stops working within this time.</summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often, while open, the silo looks whether a key was created by another process (the command line).</summary>
    public TimeSpan OpenModeRecheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>last_used_at is written at most this often per key.</summary>
    public TimeSpan LastUsedResolution { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per-key token bucket: this many requests per RateLimitPeriod...</summary>
    public int RateLimitPermits { get; set; } = 200;

    /// <summary>...replenished every period...</summary>
    public TimeSpan RateLimitPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>...with bursts up to this many requests; 0 turns rate limiting off.</summary>
    public int RateLimitBurst { get; set; } = 400;

    /// <summary>
    /// Requests without a valid key (none, unknown, revoked, expired) are limited per client address: this many per
    /// RateLimitPeriod, in bursts up to AnonymousRateLimitBurst (0 turns it off), so keys cannot be guessed at speed.
    /// Open trial mode is not limited. Behind a proxy every client shares the proxy's address.
    /// </summary>
    public int AnonymousRateLimitPermits { get; set; } = 20;

    /// <summary>The burst size of the per-address limit on requests without a valid key (see <see cref="AnonymousRateLimitPermits"/>).</summary>
    public int AnonymousRateLimitBurst { get; set; } = 40;

    /// <summary>
    /// An admin key (mon_&lt;16 hex&gt;_&lt;43 base64url&gt;) stored at start unless its id exists: how a silo that listens beyond
    /// loopback gets its first key in a container (from a Secret, never from a file in the image).
    /// </summary>
    public string? BootstrapAdminKey { get; set; }
}
