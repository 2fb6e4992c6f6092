using Monitor.Grains.Observations;

namespace Monitor.Grains.Tests.Support;

/// <summary>Builds log rows: a regular series for one account.</summary>
public sealed class ObservationRows
{
    private readonly string _account;
    private DateTimeOffset _start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private TimeSpan _step = TimeSpan.FromHours(1);
    private long _followers = 1_000;
    private long _gain = 10;

    private ObservationRows(string account)
    {
        _account = account;
    }

    public static ObservationRows For(string account) => new(account);

    public ObservationRows StartingAt(DateTimeOffset start)
    {
        _start = start;
        return this;
    }

    public ObservationRows Every(TimeSpan step)
    {
        _step = step;
        return this;
    }

    public ObservationRows From(long followers, long gainPerStep)
    {
        _followers = followers;
        _gain = gainPerStep;
        return this;
    }

    /// <summary><paramref name="count"/> rows from the start; every third has posts, every fifth a source.</summary>
    public List<ObservationRow> Take(int count, int skip = 0) =>
        Enumerable.Range(skip, count)
            .Select(i => new ObservationRow(
                _account,
                _start + (_step * i),
                _followers + (_gain * i),
                i % 2 == 0 ? 100 + i : null,
                i % 3 == 0 ? 10 + i : null,
                i % 5 == 0 ? "test" : null))
            .ToList();
}
