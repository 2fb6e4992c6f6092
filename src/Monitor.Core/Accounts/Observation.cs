using Monitor.Core.History;

namespace Monitor.Core.Accounts;

/// <summary>
/// One validated reading of an account's counts. Counts are between 0 and <see cref="MaxCount"/> (10^12, far above any real
/// account, so a larger value is a parsing error); the timestamp is UTC, on or after <see cref="Earliest"/> and at most
/// <see cref="MaxClockSkew"/> after the <c>now</c> the caller passes (Core never reads the clock).
/// </summary>
public sealed record Observation
{
    /// <summary>The largest count accepted for followers, following or posts: 10^12.</summary>
    public const long MaxCount = 1_000_000_000_000;

    /// <summary>The longest a source may be, in characters.</summary>
    public const int MaxSourceLength = 256;

    /// <summary>The earliest timestamp accepted: 2006-01-01T00:00:00Z, before any of the platforms counted followers.</summary>
    public static readonly DateTimeOffset Earliest = new(2006, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far after the caller's <c>now</c> a timestamp may lie, for collectors whose clocks run ahead.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromDays(1);

    /// <summary>Creates an observation; throws an <see cref="ArgumentException"/> naming the field and value that are out of range.</summary>
    public Observation(AccountKey account, DateTimeOffset timestamp, long followers, long? following, long? posts, string? source, DateTimeOffset now)
    {
        CheckNotAhead(timestamp, now);
        Account = account;
        Timestamp = timestamp;
        Followers = followers;
        Following = following;
        Posts = posts;
        Source = source;
    }

    /// <summary>The account observed.</summary>
    public AccountKey Account
    {
        get;
        init => field = value.Id is null ? throw new ArgumentException("An account key is required; got the default (empty) key.", "account") : value;
    }

    /// <summary>When the counts were read, in UTC.</summary>
    public DateTimeOffset Timestamp
    {
        get;
        init => field = value < Earliest
            ? throw new ArgumentOutOfRangeException("timestamp", value, $"Timestamp is before {Earliest:yyyy-MM-dd}.")
            : value.ToUniversalTime();
    }

    /// <summary>Followers at <see cref="Timestamp"/>.</summary>
    public long Followers { get; init => field = CheckCount(value, "followers"); }

    /// <summary>Accounts followed, when the source reports it.</summary>
    public long? Following { get; init => field = value is { } v ? CheckCount(v, "following") : null; }

    /// <summary>Posts published, when the source reports it.</summary>
    public long? Posts { get; init => field = value is { } v ? CheckCount(v, "posts") : null; }

    /// <summary>How precisely the source reports the counts (YouTube rounds to three significant figures); null when it does not say.</summary>
    public CountResolution? Resolution { get; init; }

    /// <summary>Where the reading came from (a collector name, "import", "api"), if known.</summary>
    public string? Source
    {
        get;
        init => field = CheckSource(value);
    }

    /// <summary>The counts as a history sample.</summary>
    public FollowerSample ToSample() => new(Timestamp, Followers, Following, Posts);

    /// <summary>
    /// The sample an observation of these values would give, checked by the same rules in the same order (minus the account,
    /// which the caller vouches for) without making one: a grain checks batches of thousands. Throws like the constructor.
    /// </summary>
    public static FollowerSample ValidSample(DateTimeOffset timestamp, long followers, long? following, long? posts, string? source, DateTimeOffset now)
    {
        CheckNotAhead(timestamp, now);
        var sample = new FollowerSample(timestamp, followers, following, posts);
        CheckSource(source);
        return sample;
    }

    private static void CheckNotAhead(DateTimeOffset timestamp, DateTimeOffset now)
    {
        if (timestamp > now + MaxClockSkew)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, $"Timestamp is more than {MaxClockSkew.TotalHours:0} hours after now ({now:O}).");
        }
    }

    private static string? CheckSource(string? source) => source is { Length: > MaxSourceLength }
        ? throw new ArgumentOutOfRangeException(nameof(source), source.Length, $"Source '{source[..32]}...' is longer than {MaxSourceLength} characters.")
        : source;

    internal static long CheckCount(long value, string field) => value is < 0 or > MaxCount
        ? throw new ArgumentOutOfRangeException(field, value, $"{char.ToUpperInvariant(field[0])}{field[1..]} must be between 0 and {MaxCount:N0}.")
        : value;
}
