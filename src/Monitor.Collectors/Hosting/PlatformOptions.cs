namespace Monitor.Collectors.Hosting;

/// <summary>
/// Settings of one platform's collector (section <c>Monitor:Collectors:{Platform}</c>). Credentials are read from
/// configuration or the environment (<c>Monitor__Collectors__X__BearerToken</c>), never logged and never returned by the API.
/// </summary>
public sealed class PlatformOptions
{
    // Whether this platform is polled; platforms that need a credential are polled only when it is set.
    public bool Enabled { get; set; } = true;

    // The API's base address; tests point it at a loopback server. Empty: the platform's public address.
    public string? BaseUrl { get; set; }

    // Accounts per request; 0: the platform's documented maximum (X 100, YouTube 50, Bluesky 25, others 1).
    public int BatchSize { get; set; }

    // Requests allowed per credential in each BudgetWindow (the collector never sends more); 0: the platform default.
    public int RequestsPerWindow { get; set; }

    // The window of RequestsPerWindow; zero: the platform default.
    public TimeSpan BudgetWindow { get; set; }

    // How long one request may take before it counts as failed (slow servers must not hold the platform's turn).
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    // X: the app-only bearer token.
    public string? BearerToken { get; set; }

    // YouTube: the Data API v3 key.
    public string? ApiKey { get; set; }

    // Telegram: the bot token from @BotFather.
    public string? BotToken { get; set; }

    // Instagram and Facebook: the Graph API access token (a system-user token where possible).
    public string? AccessToken { get; set; }

    // Instagram: our own professional account's IG user id, on which business_discovery runs.
    public string? InstagramUserId { get; set; }

    // TikTok: the Research API client key (with ClientSecret, exchanged for a two-hour client access token).
    public string? ClientKey { get; set; }

    // TikTok: the Research API client secret.
    public string? ClientSecret { get; set; }

    // Instagram and Facebook: the Graph API version in the path.
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
