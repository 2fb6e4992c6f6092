using System.Diagnostics;
using Monitor.Benchmarks.Storage;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// The workload of <see cref="GrainStateWriteBenchmarks"/> as a plain timed run: one silo with both contenders, one
/// warm-up round each, then <c>runs</c> timed rounds of 3,000 writes per contender, alternating, printed one line each.
/// </summary>
public static class StateWriteRuns
{
    public static async Task<int> RunAsync(string store, int runs)
    {
        await using var silo = store switch
        {
            "sqlite" => await GrainStateWriteSilo.StartSqliteAsync(),
            "postgres" => await GrainStateWriteSilo.StartPostgresAsync(),
            _ => throw new ArgumentException($"Unknown store '{store}': expected sqlite or postgres.", nameof(store)),
        };
        Console.WriteLine($"// {silo.Description}");
        Console.WriteLine($"// {GrainWriteWorkload.Grains:N0} grains, {GrainWriteWorkload.Writers} concurrent writers, {GrainWriteWorkload.WritesPerInvoke:N0} writes per run");
        await silo.RunAsync(GrainStateWriteSilo.MonitorProvider, rounds: 1);
        await silo.RunAsync(GrainStateWriteSilo.OrleansProvider, rounds: 1);

        using var process = Process.GetCurrentProcess();
        var rates = new Dictionary<string, List<double>> { [GrainStateWriteSilo.OrleansProvider] = [], [GrainStateWriteSilo.MonitorProvider] = [] };
        for (var run = 1; run <= runs; run++)
        {
            foreach (var provider in rates.Keys)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var started = Stopwatch.GetTimestamp();
                await silo.RunAsync(provider);
                var rate = GrainWriteWorkload.WritesPerInvoke / Stopwatch.GetElapsedTime(started).TotalSeconds;
                process.Refresh();
                var cpuPerWrite = (process.TotalProcessorTime - cpu).TotalMicroseconds / GrainWriteWorkload.WritesPerInvoke;
                rates[provider].Add(rate);
                Console.WriteLine($"run {run} {store} {provider,-8} {rate,10:N0} writes/s, {cpuPerWrite,6:N0} us CPU per write in this process (load {LoadAverage()})");
            }
        }

        foreach (var (provider, values) in rates)
        {
            Console.WriteLine($"// {store} {provider}: {values.Min():N0}-{values.Max():N0} writes/s (median {values.Order().ElementAt(values.Count / 2):N0})");
        }

        var ratios = rates[GrainStateWriteSilo.MonitorProvider].Zip(rates[GrainStateWriteSilo.OrleansProvider], (m, o) => m / o).ToList();
        Console.WriteLine($"// monitor / orleans, run by run: {string.Join(", ", ratios.Select(r => r.ToString("F1") + "x"))}");
        Console.WriteLine($"// monitor storage: {silo.MonitorBatchStatistics()}");
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
