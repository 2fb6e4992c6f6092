using Monitor.Abstractions.Accounts;

namespace Monitor.Grains.Tests.Support;

/// <summary>
/// Builds a follower series as a collector would send it: organic growth with a weekly rhythm and seeded noise,
/// optional surge windows, at a fixed sampling interval.
/// </summary>
public sealed class SeriesBuilder
{
    private readonly string _account;
    private readonly List<(DateTimeOffset From, DateTimeOffset To, double PerDay)> _surges = [];
    private DateTimeOffset _from = new(2019, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private DateTimeOffset _to = new(2020, 12, 31, 0, 0, 0, TimeSpan.Zero);
    private TimeSpan _step = TimeSpan.FromDays(1);
    private long _followers = 400_000;
    private double _perDay = 300;
    private int _seed = 7;
    private bool _postsFlatInSurges;

    private SeriesBuilder(string account)
    {
        _account = account;
    }

    public static SeriesBuilder For(string account) => new(account);

    public SeriesBuilder Between(DateTimeOffset from, DateTimeOffset to, TimeSpan? step = null)
    {
        _from = from;
        _to = to;
        _step = step ?? _step;
        return this;
    }

    public SeriesBuilder Starting(long followers, double perDay)
    {
        _followers = followers;
        _perDay = perDay;
        return this;
    }

    public SeriesBuilder Surge(DateTimeOffset from, DateTimeOffset to, double perDay)
    {
        _surges.Add((from, to, perDay));
        return this;
    }

    /// <summary>No new posts while a surge runs (followers bought or pushed, nothing published).</summary>
    public SeriesBuilder FlatPostsInSurges()
    {
        _postsFlatInSurges = true;
        return this;
    }

    public SeriesBuilder Seed(int seed)
    {
        _seed = seed;
        return this;
    }

    public List<ObservationInput> Build()
    {
        var random = new Random(_seed);
        var points = new List<ObservationInput>();
        double followers = _followers;
        var posts = 1_000L;
        for (var t = _from; t <= _to; t += _step)
        {
            points.Add(new ObservationInput(_account, t, (long)followers, 150, posts, "synthetic-test"));
            var perDay = _surges.FirstOrDefault(s => t >= s.From && t < s.To).PerDay is var surge and > 0 ? surge : _perDay;
            var weekly = t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.8 : 1.08;
            var noise = 1 + ((random.NextDouble() - 0.5) * 0.2);
            followers += perDay * weekly * noise * _step.TotalDays;
            var newPosts = random.Next(0, 3);
            posts += _postsFlatInSurges && _surges.Any(s => t >= s.From && t < s.To) ? 0 : newPosts;
        }

        return points;
    }
}
