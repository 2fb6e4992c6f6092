namespace Monitor.Core.Accounts;

/// <summary>
/// The identity of a monitored account, written <c>platform:id</c> (e.g. <c>x:2996296402</c>). The id is the platform's
/// stable account id, never a display handle, because handles change.
/// </summary>
/// <remarks>
/// Id rules (the whole key is at most <see cref="MaxLength"/> characters):
/// <list type="bullet">
/// <item><c>x</c>, <c>instagram</c>, <c>facebook</c>: a numeric id, 1-20 digits, no leading zero, at most 2^64-1.</item>
/// <item><c>bluesky</c>: a DID, <c>did:plc:</c> + 24 characters of base32 (<c>a-z</c>, <c>2-7</c>), or <c>did:web:</c> + a host name.</item>
/// <item><c>mastodon</c>: <c>server:id</c>, a host name and the numeric account id on that server (<c>mastodon.social:109302436954721982</c>).</item>
/// <item><c>youtube</c>: a channel id, <c>UC</c> + 22 characters of <c>A-Z a-z 0-9 _ -</c> (case-sensitive).</item>
/// <item><c>telegram</c>: a numeric chat id, optionally negative (<c>-1001234567890</c>), or <c>@</c> + a 5-32 character username
/// (a letter, then letters, digits, underscores).</item>
/// <item><c>tiktok</c>: the username, 2-24 letters, digits, <c>_</c> or <c>.</c>, not ending in <c>.</c> (the Research API names users
/// by username and returns no other id); a leading <c>@</c> is dropped.</item>
/// </list>
/// Parsing is case-insensitive where the platform is (the platform name, host names, Telegram usernames) and the key is kept in
/// lowercase there, so <see cref="ToString"/> gives the canonical form and parsing it returns an equal key.
/// </remarks>
public readonly record struct AccountKey
{
    /// <summary>The longest key accepted, platform and separator included.</summary>
    public const int MaxLength = 256;

    /// <summary>Creates a key, validating and canonicalising <paramref name="id"/> for <paramref name="platform"/>.</summary>
    public AccountKey(Platform platform, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!TryCanonicalizeId(platform, id, out var canonical, out var error))
        {
            throw new ArgumentException(error, nameof(id));
        }

        Platform = platform;
        Id = canonical;
    }

    /// <summary>The platform the account lives on.</summary>
    public Platform Platform { get; }

    /// <summary>The platform's id of the account, in canonical form.</summary>
    public string Id { get; }

    /// <summary>True when <see cref="Id"/> is an <c>@handle</c> waiting to be resolved to the platform's stable id (not on Telegram, where usernames are ids).</summary>
    public bool IsUnresolvedHandle => !NamesAccountsByHandle(Platform) && Id is not null && Id.StartsWith('@');

    /// <summary>True on platforms whose handles are the ids (Telegram usernames, TikTok usernames): nothing to resolve there.</summary>
    public static bool NamesAccountsByHandle(Platform platform) => platform is Platform.Telegram or Platform.TikTok;

    /// <summary>Parses <c>platform:id</c>; throws <see cref="FormatException"/> naming the value when it is not a valid key.</summary>
    public static AccountKey Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var key, out var error) ? key : throw new FormatException(error);
    }

    /// <summary>Parses <c>platform:id</c>; on failure returns false with an error that names the value and the rule it broke.</summary>
    public static bool TryParse(string? value, out AccountKey key, out string error)
    {
        key = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "An account key is required, as 'platform:id' (e.g. 'x:2996296402').";
            return false;
        }

        if (value.Length > MaxLength)
        {
            error = $"Account key '{value[..32]}...' is {value.Length} characters long; at most {MaxLength} are allowed.";
            return false;
        }

        var separator = value.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0)
        {
            error = $"Account key '{value}' must be 'platform:id' (e.g. 'x:2996296402').";
            return false;
        }

        if (!PlatformNames.TryParse(value.AsSpan(0, separator), out var platform))
        {
            error = $"Account key '{value}' names unknown platform '{value[..separator]}'; expected one of "
                + string.Join(", ", Enum.GetValues<Platform>().Select(p => p.ToWireName())) + ".";
            return false;
        }

        if (!TryCanonicalizeId(platform, value[(separator + 1)..], out var id, out var idError))
        {
            error = $"Account key '{value}' is invalid: {idError}";
            return false;
        }

        key = new AccountKey(platform, id, trusted: true);
        error = string.Empty;
        return true;
    }

    /// <summary>The canonical <c>platform:id</c> form; <see cref="Parse"/> of it returns an equal key.</summary>
    public override string ToString() => Id is null ? string.Empty : $"{Platform.ToWireName()}:{Id}";

    private AccountKey(Platform platform, string id, bool trusted)
    {
        _ = trusted;
        Platform = platform;
        Id = id;
    }

    private static bool TryCanonicalizeId(Platform platform, string id, out string canonical, out string error)
    {
        canonical = id;
        error = string.Empty;
        if (id.Length == 0)
        {
            error = $"the {platform.ToWireName()} id is empty.";
            return false;
        }

        if (platform.ToWireName().Length + 1 + id.Length > MaxLength)
        {
            error = $"the id is {id.Length} characters long; the whole key may have at most {MaxLength}.";
            return false;
        }

        // '@handle' names an account whose stable id is not resolved yet (imports of handle-only data); a collector
        // resolves it once. Telegram and TikTok usernames are real ids there, so they keep their own rules below.
        if (id[0] == '@' && !NamesAccountsByHandle(platform))
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
