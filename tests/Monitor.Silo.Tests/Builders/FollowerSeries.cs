using Monitor.Abstractions.Accounts;

namespace Monitor.Silo.Tests.Builders;

/// <summary>
/// Builds a daily follower history for one account: phases of steady growth (with a little deterministic noise),
/// e.g. a quiet baseline, a surge, and a return to baseline.
/// </summary>
public sealed class FollowerSeries
{
    private readonly string _account;
    private readonly List<(int Days, long PerDay)> _phases = [];
    private DateTimeOffset _start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private TimeSpan _step = TimeSpan.FromDays(1);
    private long _followers = 100_000;
    private string _source = "test";
    private int _seed = 7;

    private FollowerSeries(string account)
    {
        _account = account;
    }

    /// <summary>Starts a series for <paramref name="account"/>.</summary>
    public static FollowerSeries For(string account) => new(account);

    /// <summary>The first timestamp (default 2020-01-01).</summary>
    public FollowerSeries StartingAt(DateTimeOffset start)
    {
        _start = start;
        return this;
    }

    /// <summary>The time between points (default one day).</summary>
    public FollowerSeries Every(TimeSpan step)
    {
        _step = step;
        return this;
    }

    /// <summary>The followers at the first point (default 100,000).</summary>
    public FollowerSeries WithFollowers(long followers)
    {
        _followers = followers;
        return this;
    }

    /// <summary>The source recorded on each observation.</summary>
    public FollowerSeries FromSource(string source)
    {
        _source = source;
        return this;
    }

    /// <summary>The seed of the noise, so two accounts do not move in lockstep.</summary>
    public FollowerSeries WithNoiseSeed(int seed)
    {
        _seed = seed;
        return this;
    }

    /// <summary>Adds <paramref name="points"/> points growing by about <paramref name="perStep"/> followers each (noise of ±10%).</summary>
    public FollowerSeries Growing(int points, long perStep)
    {
        _phases.Add((points, perStep));
        return this;
    }

    /// <summary>The observations, in time order.</summary>
    public IReadOnlyList<ObservationInput> Build()
    {
        var random = new Random(_seed);
        var observations = new List<ObservationInput>();
        var followers = _followers;
        var timestamp = _start;
        foreach (var (points, perStep) in _phases)
        {
            for (var i = 0; i < points; i++)
            {
                observations.Add(new ObservationInput(_account, timestamp, followers, null, null, _source));
                followers += perStep + (long)Math.Round(perStep * 0.1 * ((random.NextDouble() * 2) - 1));
                timestamp += _step;
            }
        }

        return observations;
    }
}
