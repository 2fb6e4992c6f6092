using Monitor.Core.History;

namespace Monitor.Core.Tests.Builders;

/// <summary>Builds history samples: regular or jittered sampling, steady growth with noise, optional following and posts.</summary>
internal sealed class SampleSeriesBuilder
{
    private readonly List<(DateTimeOffset From, TimeSpan Interval, int Count)> _segments = [];
    private long _followers = 400_000;
    private double _growthPerDay = 300;
    private double _noisePerSample;
    private long? _following = 512;
    private double _postsPerDay = 3;
    private TimeSpan _jitter;
    private int _seed = 7;

    public SampleSeriesBuilder StartingWith(long followers)
    {
        _followers = followers;
        return this;
    }

    public SampleSeriesBuilder GrowingPerDay(double rate, double noisePerSample = 0)
    {
        _growthPerDay = rate;
        _noisePerSample = noisePerSample;
        return this;
    }

    public SampleSeriesBuilder WithoutFollowingOrPosts()
    {
        _following = null;
        _postsPerDay = -1;
        return this;
    }

    public SampleSeriesBuilder WithJitter(TimeSpan jitter, int seed = 7)
    {
        _jitter = jitter;
        _seed = seed;
        return this;
    }

    /// <summary>Adds <paramref name="count"/> samples every <paramref name="interval"/> from <paramref name="from"/>.</summary>
    public SampleSeriesBuilder Sampled(DateTimeOffset from, TimeSpan interval, int count)
    {
        _segments.Add((from, interval, count));
        return this;
    }

    public List<FollowerSample> Build()
    {
        var random = new Random(_seed);
        var samples = new List<FollowerSample>();
        var origin = _segments.Count > 0 ? _segments[0].From : DateTimeOffset.UnixEpoch;
        foreach (var (from, interval, count) in _segments)
        {
            for (var i = 0; i < count; i++)
            {
                var at = from + (interval * i);
                if (_jitter > TimeSpan.Zero)
                {
                    at += TimeSpan.FromSeconds(Math.Round((random.NextDouble() - 0.5) * _jitter.TotalSeconds));
                }

                var days = (at - origin).TotalDays;
                var followers = _followers + (long)Math.Round((_growthPerDay * days) + ((random.NextDouble() - 0.5) * 2 * _noisePerSample));
                long? posts = _postsPerDay >= 0 ? 20_000 + (long)Math.Floor(_postsPerDay * days) : null;
                samples.Add(new FollowerSample(at, Math.Max(0, followers), _following, posts));
            }
        }

        return samples;
    }

    /// <summary>A year of one sample a day, then the last seven days sampled hourly: the footprint scenario.</summary>
    public static SampleSeriesBuilder DailyYearThenHourlyWeek(DateTimeOffset start) => new SampleSeriesBuilder()
        .GrowingPerDay(300, noisePerSample: 40)
        .Sampled(start, TimeSpan.FromDays(1), 358)
        .Sampled(start.AddDays(358), TimeSpan.FromHours(1), 7 * 24);
}
