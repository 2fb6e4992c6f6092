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
        if (!AccountIdRules.TryCanonicalize(platform, id, out var canonical, out var error))
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

        if (!AccountIdRules.TryCanonicalize(platform, value[(separator + 1)..], out var id, out var idError))
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
}
