namespace Monitor.Core.Accounts;

/// <summary>The lowercase wire names of <see cref="Platform"/> (<c>x</c>, <c>bluesky</c>, <c>mastodon</c>, ...).</summary>
public static class PlatformNames
{
    /// <summary>The lowercase name used in account keys and on the wire.</summary>
    public static string ToWireName(this Platform platform) => platform switch
    {
        Platform.X => "x",
        Platform.Bluesky => "bluesky",
        Platform.Mastodon => "mastodon",
        Platform.YouTube => "youtube",
        Platform.Telegram => "telegram",
        Platform.Instagram => "instagram",
        Platform.Facebook => "facebook",
        Platform.TikTok => "tiktok",
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "Unknown platform."),
    };

    // Enum.GetValues allocates a new array on every call, and every account key parse comes through here.
    private static readonly Platform[] All = Enum.GetValues<Platform>();

    /// <summary>Parses a wire name, ignoring case; returns false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out Platform platform)
    {
        foreach (var candidate in All)
        {
            if (name.Equals(candidate.ToWireName(), StringComparison.OrdinalIgnoreCase))
            {
                platform = candidate;
                return true;
            }
        }

        platform = default;
        return false;
    }
}
