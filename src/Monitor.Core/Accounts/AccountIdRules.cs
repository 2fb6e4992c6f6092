namespace Monitor.Core.Accounts;

/// <summary>
/// Each platform's rules for the id part of an <see cref="AccountKey"/> (the list in its remarks): whether an id is valid,
/// its canonical form, and a message that names the rule an invalid one broke.
/// </summary>
internal static class AccountIdRules
{
    /// <summary>Checks <paramref name="id"/> for <paramref name="platform"/>; on success <paramref name="canonical"/> is its canonical form.</summary>
    public static bool TryCanonicalize(Platform platform, string id, out string canonical, out string error)
    {
        canonical = id;
        error = string.Empty;
        if (id.Length == 0)
        {
            error = $"the {platform.ToWireName()} id is empty.";
            return false;
        }

        if (platform.ToWireName().Length + 1 + id.Length > AccountKey.MaxLength)
        {
            error = $"the id is {id.Length} characters long; the whole key may have at most {AccountKey.MaxLength}.";
            return false;
        }

        // '@handle' names an account whose stable id is not resolved yet (imports of handle-only data); a collector
        // resolves it once. Telegram and TikTok usernames are real ids there, so they keep their own rules below.
        if (id[0] == '@' && !AccountKey.NamesAccountsByHandle(platform))
        {
            if (!IsHandle(id.AsSpan(1)))
            {
                return Fail($"an unresolved handle is '@' + 1-100 letters, digits, '_', '.' or '-', got '{id}'.", out error);
            }

            canonical = id.ToLowerInvariant();
            return true;
        }

        switch (platform)
        {
            case Platform.X:
            case Platform.Instagram:
            case Platform.Facebook:
                return IsNumericId(id) || Fail($"{(platform == Platform.Facebook ? "a" : "an")} {platform.ToWireName()} id is a numeric account id (1-20 digits, no leading zero), got '{id}'.{HandleHint(platform, id)}", out error);

            case Platform.Bluesky:
                return IsBlueskyDid(id) || Fail($"a bluesky id is a DID, 'did:plc:' + 24 base32 characters or 'did:web:' + a host name, got '{id}'.{HandleHint(platform, id)}", out error);

            case Platform.Mastodon:
            {
                var separator = id.LastIndexOf(':');
                if (separator <= 0 || !IsHostName(id.AsSpan(0, separator)) || !IsNumericId(id.AsSpan(separator + 1)))
                {
                    return Fail($"a mastodon id is 'server:id', a host name and a numeric account id (e.g. 'mastodon.social:109302436954721982'), got '{id}'.", out error);
                }

                canonical = id.ToLowerInvariant();
                return true;
            }

            case Platform.YouTube:
                return IsYouTubeChannelId(id) || Fail($"a youtube id is a channel id, 'UC' + 22 characters of A-Z, a-z, 0-9, '_' or '-', got '{id}'.{HandleHint(platform, id)}", out error);

            case Platform.Telegram:
                if (id[0] == '@')
                {
                    if (!IsTelegramUsername(id.AsSpan(1)))
                    {
                        return Fail($"a telegram username is '@' + 5-32 letters, digits or underscores starting with a letter, got '{id}'.", out error);
                    }

                    canonical = id.ToLowerInvariant();
                    return true;
                }

                return IsNumericId(id[0] == '-' ? id.AsSpan(1) : id.AsSpan())
                    || Fail($"a telegram id is a numeric chat id (e.g. '-1001234567890') or '@username', got '{id}'.", out error);

            case Platform.TikTok:
            {
                var username = id[0] == '@' ? id[1..] : id;
                if (!IsTikTokUsername(username))
                {
                    return Fail($"a tiktok id is the username, 2-24 letters, digits, '_' or '.', not ending in '.', got '{id}'.", out error);
                }

                canonical = username.ToLowerInvariant();
                return true;
            }

            default:
                return Fail($"unknown platform {platform}.", out error);
        }
    }

    /// <summary>What to write instead when <paramref name="id"/> looks like a handle given without its '@' (x:presidentaz).</summary>
    private static string HandleHint(Platform platform, string id) =>
        IsHandle(id) ? $" To name the account by its handle, write '{platform.ToWireName()}:@{id}'." : string.Empty;

    private static bool IsHandle(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > 100)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }

    private static bool IsNumericId(ReadOnlySpan<char> id)
    {
        if (id.Length is 0 or > 20 || id[0] == '0')
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return ulong.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);
    }

    private static bool IsBlueskyDid(string id)
    {
        if (id.StartsWith("did:plc:", StringComparison.Ordinal))
        {
            var body = id.AsSpan(8);
            if (body.Length != 24)
            {
                return false;
            }

            foreach (var c in body)
            {
                if (!(char.IsAsciiLetterLower(c) || c is >= '2' and <= '7'))
                {
                    return false;
                }
            }

            return true;
        }

        return id.StartsWith("did:web:", StringComparison.Ordinal) && IsHostName(id.AsSpan(8)) && !id.AsSpan(8).ContainsAnyInRange('A', 'Z');
    }

    /// <summary>A DNS host name: at least two dot-separated labels of letters, digits and inner hyphens, 1-63 characters each.</summary>
    private static bool IsHostName(ReadOnlySpan<char> host)
    {
        if (host.Length is 0 or > 253)
        {
            return false;
        }

        var labels = 0;
        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }

            labels++;
        }

        return labels >= 2;
    }

    private static bool IsYouTubeChannelId(string id)
    {
        if (id.Length != 24 || !id.StartsWith("UC", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id.AsSpan(2))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTikTokUsername(ReadOnlySpan<char> name)
    {
        if (name.Length is < 2 or > 24 || name[^1] == '.')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTelegramUsername(ReadOnlySpan<char> name)
    {
        if (name.Length is < 5 or > 32 || !char.IsAsciiLetter(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
