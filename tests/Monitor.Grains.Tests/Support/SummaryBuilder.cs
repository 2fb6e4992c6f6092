using Monitor.Abstractions.Accounts;

namespace Monitor.Grains.Tests.Support;

/// <summary>Builds account summaries for directory and ranking tests.</summary>
public sealed class SummaryBuilder
{
    private readonly string _account;
    private string? _handle;
    private string? _displayName;
    private string[] _groups = [];
    private string[] _tags = [];
    private long? _followers;
    private long? _posts;
    private double? _growth1d;
    private double? _growth7d;
    private double? _growth30d;

    private SummaryBuilder(string account)
    {
        _account = account;
    }

    public static SummaryBuilder For(string account) => new(account);

    public SummaryBuilder Named(string handle, string? displayName = null)
    {
        _handle = handle;
        _displayName = displayName;
        return this;
    }

    public SummaryBuilder InGroups(params string[] groups)
    {
        _groups = groups;
        return this;
    }

    public SummaryBuilder Tagged(params string[] tags)
    {
        _tags = tags;
        return this;
    }

    public SummaryBuilder With(long? followers, long? posts = null)
    {
        _followers = followers;
        _posts = posts;
        return this;
    }

    public SummaryBuilder Growing(double? day, double? week = null, double? month = null)
    {
        _growth1d = day;
        _growth7d = week;
        _growth30d = month;
        return this;
    }

    public AccountSummary Build() => new(
        _account,
        _account[.._account.IndexOf(':', StringComparison.Ordinal)],
        new AccountProfile(_handle, _displayName, _groups, _tags),
        _followers is null ? null : new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero),
        _followers,
        null,
        _posts,
        _followers is { } f && _posts is > 0 ? (double)f / _posts.Value : null,
        new GrowthWindow(null, null, _growth1d),
        new GrowthWindow(null, null, _growth7d),
        new GrowthWindow(null, null, _growth30d),
        null,
        []);
}
