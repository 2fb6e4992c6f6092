using BenchmarkDotNet.Attributes;
using Monitor.Core.History;

namespace Monitor.Benchmarks.Core;

/// <summary>
/// Append throughput of <see cref="FollowerHistory"/>, and its size per account-year: the Allocated column of
/// <see cref="Deserialize_daily_year_and_hourly_week"/> is the resident size (the object and its exact-size buffers), and the
/// serialised size is printed by the global setup.
/// </summary>
[MemoryDiagnoser]
public class HistoryBenchmarks
{
    private const int HourlyYear = 24 * 365;

    private FollowerSample[] _hourlyYear = [];
    private FollowerSample[] _dailyYearThenHourlyWeek = [];
    private byte[] _serializedDailyYear = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _hourlyYear = Enumerable.Range(0, HourlyYear)
            .Select(i => new FollowerSample(start.AddHours(i).AddSeconds(random.Next(0, 90)), 400_000 + (i * 12) + random.Next(-20, 20), 512 + (i / 2_000), 20_000 + (i / 8)))
            .ToArray();
        _dailyYearThenHourlyWeek = Enumerable.Range(0, 358)
            .Select(d => new FollowerSample(start.AddDays(d), 400_000 + (d * 300) + random.Next(-40, 40), 512, 20_000 + (d * 3)))
            .Concat(Enumerable.Range(0, 7 * 24).Select(h => new FollowerSample(start.AddDays(358).AddHours(h), 507_400 + (h * 12) + random.Next(-10, 10), 512, 21_074 + (h / 8))))
            .ToArray();
        var history = new FollowerHistory();
        history.Append(_dailyYearThenHourlyWeek);
        _serializedDailyYear = history.Serialize();
        var hourly = new FollowerHistory();
        hourly.Append(_hourlyYear);
        Console.WriteLine($"// Serialised: daily year + hourly week {_serializedDailyYear.Length} B; hourly year {hourly.Serialize().Length} B "
            + $"(raw {hourly.RawCount}, hourly {hourly.HourlyCount}, daily {hourly.DailyCount} records)");
    }

    [Benchmark(OperationsPerInvoke = HourlyYear)]
    public int Append_hourly_year_one_point_per_call()
    {
        var history = new FollowerHistory();
        var added = 0;
        foreach (var sample in _hourlyYear)
        {
            added += history.Append([sample]).Added.Count;
        }

        return added;
    }

    [Benchmark(OperationsPerInvoke = HourlyYear)]
    public int Append_hourly_year_in_daily_batches()
    {
        var history = new FollowerHistory();
        var added = 0;
        foreach (var batch in _hourlyYear.Chunk(24))
        {
            added += history.Append(batch).Added.Count;
        }

        return added;
    }

    [Benchmark]
    public FollowerHistory Deserialize_daily_year_and_hourly_week() => FollowerHistory.Deserialize(_serializedDailyYear);

    [Benchmark]
    public byte[] Build_and_serialize_daily_year_and_hourly_week()
    {
        var history = new FollowerHistory();
        history.Append(_dailyYearThenHourlyWeek);
        return history.Serialize();
    }
}
