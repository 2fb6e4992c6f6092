namespace Monitor.Core.Accounts;

/// <summary>A social-media platform whose accounts Monitor watches; the wire name is the lowercase member name.</summary>
public enum Platform
{
    X,
    Bluesky,
    Mastodon,
    YouTube,
    Telegram,
    Instagram,
    Facebook,
    TikTok,
}
