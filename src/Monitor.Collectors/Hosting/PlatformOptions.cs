namespace Monitor.Collectors.Hosting;

/// <summary>
/// Settings of one platform's collector (section <c>Monitor:Collectors:{Platform}</c>). Credentials are read from
/// configuration or the environment (<c>Monitor__Collectors__X__BearerToken</c>), never logged and never returned by the API.
/// </summary>
public sealed class PlatformOptions
{
    /// <summary>Whether this platform is polled; platforms that need a credential are polled only when it is set.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The API's base address; tests point it at a loopback server. Empty: the platform's public address.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Accounts per request; 0: the platform's documented maximum (X 100, YouTube 50, Bluesky 25, others 1).</summary>
    public int BatchSize { get; set; }

    /// <summary>Requests allowed per credential in each BudgetWindow (the collector never sends more); 0: the platform default.</summary>
    public int RequestsPerWindow { get; set; }

    /// <summary>The window of RequestsPerWindow; zero: the platform default.</summary>
    public TimeSpan BudgetWindow { get; set; }

    /// <summary>How long one request may take before it counts as failed (slow servers must not hold the platform's turn).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>X: the app-only bearer token.</summary>
    public string? BearerToken { get; set; }

    /// <summary>YouTube: the Data API v3 key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Telegram: the bot token from @BotFather.</summary>
    public string? BotToken { get; set; }

    /// <summary>Instagram and Facebook: the Graph API access token (a system-user token where possible).</summary>
    public string? AccessToken { get; set; }

    /// <summary>Instagram: our own professional account's IG user id, on which business_discovery runs.</summary>
    public string? InstagramUserId { get; set; }

    /// <summary>TikTok: the Research API client key (with ClientSecret, exchanged for a two-hour client access token).</summary>
    public string? ClientKey { get; set; }

    /// <summary>TikTok: the Research API client secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Instagram and Facebook: the Graph API version in the path.</summary>
    public string GraphVersion { get; set; } = "v25.0";

    /// <summary>True when the credential this platform needs is set (Bluesky and Mastodon need none).</summary>
    internal bool HasCredential(Monitor.Core.Accounts.Platform platform) => platform switch
    {
        Monitor.Core.Accounts.Platform.X => !string.IsNullOrWhiteSpace(BearerToken),
        Monitor.Core.Accounts.Platform.YouTube => !string.IsNullOrWhiteSpace(ApiKey),
        Monitor.Core.Accounts.Platform.Telegram => !string.IsNullOrWhiteSpace(BotToken),
        Monitor.Core.Accounts.Platform.Instagram => !string.IsNullOrWhiteSpace(AccessToken) && !string.IsNullOrWhiteSpace(InstagramUserId),
        Monitor.Core.Accounts.Platform.Facebook => !string.IsNullOrWhiteSpace(AccessToken),
        Monitor.Core.Accounts.Platform.TikTok => !string.IsNullOrWhiteSpace(ClientKey) && !string.IsNullOrWhiteSpace(ClientSecret),
        _ => true,
    };
}
