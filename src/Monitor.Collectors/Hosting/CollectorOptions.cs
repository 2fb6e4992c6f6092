using Monitor.Collectors.Scheduling;

namespace Monitor.Collectors.Hosting;

/// <summary>Settings of the collectors (section <c>Monitor:Collectors</c>); one <see cref="PlatformOptions"/> section per platform.</summary>
public sealed class CollectorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Monitor:Collectors";

    /// <summary>Master switch: false polls nothing (the reminders are removed).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each platform's reminder wakes its collector to poll the accounts that are due (reminders allow 1 minute at least).</summary>
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an account is polled unless a poll:&lt;interval&gt; tag or its group says otherwise.</summary>
    public TimeSpan PollInterval { get; set; } = PollerSettings.Defaults.DefaultInterval;

    /// <summary>Poll intervals by group name (Monitor:Collectors:GroupPollIntervals:turkic-leaders = 00:15:00); the shortest wins.</summary>
    public Dictionary<string, TimeSpan> GroupPollIntervals { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Failed requests in a row that open a platform's circuit.</summary>
    public int FailuresToOpenCircuit { get; set; } = PollerSettings.Defaults.FailuresToOpenCircuit;

    /// <summary>Failed requests in a row after which a platform is in an outage: an alert of kind outage, resolved by the next answer.</summary>
    public int FailuresToDeclareOutage { get; set; } = PollerSettings.Defaults.FailuresToDeclareOutage;

    /// <summary>How long an open circuit keeps a platform from being called.</summary>
    public TimeSpan CircuitOpenFor { get; set; } = PollerSettings.Defaults.CircuitOpenFor;

    /// <summary>First backoff after a failed request (doubling, jittered by ±20 %).</summary>
    public TimeSpan BackoffBase { get; set; } = PollerSettings.Defaults.BackoffBase;

    /// <summary>Longest backoff.</summary>
    public TimeSpan BackoffMax { get; set; } = PollerSettings.Defaults.BackoffMax;

    /// <summary>X's credential and schedule (<c>Monitor:Collectors:X</c>).</summary>
    public PlatformOptions X { get; set; } = new();

    /// <summary>Bluesky's credential and schedule (<c>Monitor:Collectors:Bluesky</c>).</summary>
    public PlatformOptions Bluesky { get; set; } = new();

    /// <summary>Mastodon's credential and schedule (<c>Monitor:Collectors:Mastodon</c>).</summary>
    public PlatformOptions Mastodon { get; set; } = new();

    /// <summary>YouTube's credential and schedule (<c>Monitor:Collectors:YouTube</c>).</summary>
    public PlatformOptions YouTube { get; set; } = new();

    /// <summary>Telegram's credential and schedule (<c>Monitor:Collectors:Telegram</c>).</summary>
    public PlatformOptions Telegram { get; set; } = new();

    /// <summary>Instagram's credential and schedule (<c>Monitor:Collectors:Instagram</c>).</summary>
    public PlatformOptions Instagram { get; set; } = new();

    /// <summary>Facebook's credential and schedule (<c>Monitor:Collectors:Facebook</c>).</summary>
    public PlatformOptions Facebook { get; set; } = new();

    /// <summary>TikTok's credential and schedule (<c>Monitor:Collectors:TikTok</c>).</summary>
    public PlatformOptions TikTok { get; set; } = new();

    /// <summary>The section of one platform.</summary>
    public PlatformOptions For(Platform platform) => platform switch
    {
        Platform.X => X,
        Platform.Bluesky => Bluesky,
        Platform.Mastodon => Mastodon,
        Platform.YouTube => YouTube,
        Platform.Telegram => Telegram,
        Platform.Instagram => Instagram,
        Platform.Facebook => Facebook,
        Platform.TikTok => TikTok,
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "Unknown platform."),
    };

    /// <summary>Whether the platform is polled: collectors on, platform on, and its credential set when it needs one.</summary>
    public bool IsPolled(Platform platform) => Enabled && For(platform) is { Enabled: true } section && section.HasCredential(platform);

    /// <summary>The scheduling rules of one platform, with its documented budget unless configured.</summary>
    public PollerSettings SettingsFor(Platform platform)
    {
        var section = For(platform);
        var (requests, window) = DefaultBudget(platform);
        return new PollerSettings
        {
            DefaultInterval = PollInterval,
            GroupIntervals = GroupPollIntervals,
            RequestsPerWindow = section.RequestsPerWindow > 0 ? section.RequestsPerWindow : requests,
            BudgetWindow = section.BudgetWindow > TimeSpan.Zero ? section.BudgetWindow : window,
            FailuresToOpenCircuit = FailuresToOpenCircuit,
            FailuresToDeclareOutage = FailuresToDeclareOutage,
            CircuitOpenFor = CircuitOpenFor,
            BackoffBase = BackoffBase,
            BackoffMax = BackoffMax,
        };
    }

    // From the platforms' documentation (docs: ../shared/reference/platform-apis.md); each is the limit of one credential or IP.
    private static (int Requests, TimeSpan Window) DefaultBudget(Platform platform) => platform switch
    {
        Platform.X => (300, TimeSpan.FromMinutes(15)),
        Platform.Bluesky => (1500, TimeSpan.FromMinutes(5)),
        Platform.Mastodon => (300, TimeSpan.FromMinutes(5)),
        Platform.YouTube => (10_000, TimeSpan.FromDays(1)),
        Platform.Telegram => (60, TimeSpan.FromMinutes(1)),

        // The Research API's daily request limit (1,000 a day, one user per request; see docs/collectors.md#tiktok).
        Platform.TikTok => (1000, TimeSpan.FromDays(1)),
        _ => (200, TimeSpan.FromHours(1)),
    };
}
