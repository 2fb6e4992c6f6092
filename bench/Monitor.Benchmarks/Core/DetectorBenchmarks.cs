using BenchmarkDotNet.Attributes;
using Monitor.Core.Detection;

namespace Monitor.Benchmarks.Core;

/// <summary>Points per second through <see cref="AccountDetector.Observe"/> (divide 1 s by the per-operation time).</summary>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private const int Points = 100_000;

    private DateTimeOffset[] _timestamps = [];
    private long[] _followers = [];
    private long[] _rounded = [];

    [GlobalSetup]
    public void Setup()
    {
        // An hourly account growing ~300/day with a daily rhythm and noise, a surge, a jump and a purge: every code path runs.
        var random = new Random(17);
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _timestamps = new DateTimeOffset[Points];
        _followers = new long[Points];
        double followers = 400_000;
        for (var i = 0; i < Points; i++)
        {
            var at = start.AddHours(i).AddSeconds(random.Next(-300, 300));
            var day = i / 24;
            var rate = (day % 400) is >= 200 and < 240 ? 5_000 : 300 * (1 + (0.5 * Math.Sin(2 * Math.PI * (i % 24) / 24)));
            followers += (rate / 24) + ((random.NextDouble() - 0.5) * 10);
            if (i % 5_000 == 2_500)
            {
                followers += 8_000;
            }

            if (i % 7_000 == 3_500)
            {
                followers *= 0.97;
            }

            _timestamps[i] = at;
            _followers[i] = (long)followers;
        }

        // The same counts as YouTube shows them, rounded down to three significant figures (the inferred-resolution path).
        _rounded = [.. _followers.Select(RoundDownToThreeFigures)];
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public double Observe()
    {
        var detector = new AccountDetector(DetectorSettings.Default);
        var changes = 0;
        for (var i = 0; i < Points; i++)
        {
            changes += detector.Observe(_timestamps[i], _followers[i]).Count;
        }

        return detector.LastAnomalyScore + changes;
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public double Observe_and_check_stall()
    {
        var detector = new AccountDetector(DetectorSettings.Default);
        var changes = 0;
        for (var i = 0; i < Points; i++)
        {
            changes += detector.Observe(_timestamps[i], _followers[i]).Count;
            changes += detector.CheckStall(_timestamps[i].AddMinutes(30)).Count;
        }

        return detector.LastAnomalyScore + changes;
    }

    private static long RoundDownToThreeFigures(long count)
    {
        var step = 1L;
        for (var rest = count; rest >= 1_000; rest /= 10)
        {
            step *= 10;
        }

        return count / step * step;
    }

    [Benchmark(OperationsPerInvoke = Points)]
    public double Observe_rounded_to_three_significant_figures()
    {
        var detector = new AccountDetector(DetectorSettings.Default);
        var changes = 0;
        for (var i = 0; i < Points; i++)
        {
            changes += detector.Observe(_timestamps[i], _rounded[i]).Count;
        }

        return detector.LastAnomalyScore + changes;
    }
}
