using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Tests.Support;

/// <summary>Builds episode events as an account grain would publish them.</summary>
public sealed class EpisodeBuilder
{
    private readonly string _account;
    private string _kind = "surge";
    private string _severity = "warning";
    private DateTimeOffset _start = new(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
    private DateTimeOffset? _end;
    private long _peak = 410_000;
    private string[] _groups = [];
    private string? _platform;

    private EpisodeBuilder(string account)
    {
        _account = account;
    }

    public static EpisodeBuilder For(string account) => new(account);

    public EpisodeBuilder Kind(string kind, string severity = "warning")
    {
        _kind = kind;
        _severity = severity;
        return this;
    }

    public EpisodeBuilder Starting(DateTimeOffset start)
    {
        _start = start;
        return this;
    }

    public EpisodeBuilder InGroups(params string[] groups)
    {
        _groups = groups;
        return this;
    }

    /// <summary>Names the platform (an outage's, which has no account).</summary>
    public EpisodeBuilder OnPlatform(string platform)
    {
        _platform = platform;
        return this;
    }

    public EpisodeBuilder Peak(long followers)
    {
        _peak = followers;
        return this;
    }

    public EpisodeBuilder Ended(DateTimeOffset end)
    {
        _end = end;
        return this;
    }

    public string Id => $"{_kind}-{_account}-{_start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";

    public AlertView View() => new(
        Id, _account, _kind, _severity, _end is null ? "open" : "resolved", _start, _start.AddDays(3), _peak, _end,
        300, 4_000, 9.5, _peak - 400_000, (_peak - 400_000) / 400_000.0, _groups, Platform: _platform);

    public EpisodeEvent Opened() => new("opened", View());

    public EpisodeEvent Updated() => new("updated", View());

    public EpisodeEvent Resolved() => new("resolved", View());
}
