using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Benchmarks.Alerts;
using Monitor.Benchmarks.Runtime;
using Monitor.Grains;
using Monitor.Grains.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Testing;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// Publish throughput of the alert hub with 1 and N shards: a fresh store per run, a silo with
/// <see cref="AlertHubOptions.HubShards"/> set, and <c>concurrency</c> callers publishing new open episodes one at a time
/// through the silo's <see cref="AlertRouter"/>, as account grains do (the router batches them and splits the batches by
/// shard). The episodes are spread over 64 groups and overlap, so each group's episodes form one incident, as in a purge.
/// Shard counts alternate within each round (A B A B ...); every run prints its load average.
/// </summary>
public static class HubShardThroughput
{
    private const int Groups = 64;
    private const int Warmup = 200;

    public static async Task<int> RunAsync(string store, IReadOnlyList<int> shardCounts, int episodes, int concurrency, int rounds)
    {
        Console.WriteLine($"// hub shard throughput on {store}: {episodes:N0} episodes over {Groups} groups, {concurrency} concurrent publishers, " +
                          $"shards {string.Join(" / ", shardCounts)} alternating, {rounds} rounds; {Environment.ProcessorCount} cores");
        Console.WriteLine("round | shards | episodes/s | seconds | stale commits | load");
        var results = shardCounts.ToDictionary(count => count, _ => new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var shards in shardCounts)
            {
                var (rate, seconds, stale) = await RunOneAsync(store, shards, episodes, concurrency);
                results[shards].Add(rate);
                Console.WriteLine($"{round,5} | {shards,6} | {rate,10:F0} | {seconds,7:F1} | {stale,13} | {LoadAverage()}");
            }
        }

        foreach (var (shards, rates) in results)
        {
            Console.WriteLine($"// shards {shards}: median {Median(rates):F0} episodes/s over {rates.Count} runs ({string.Join(", ", rates.Select(r => r.ToString("F0", null)))})");
        }

        return 0;
    }

    private static async Task<(double Rate, double Seconds, long StaleCommits)> RunOneAsync(string store, int shards, int episodes, int concurrency)
    {
        long stale = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument.Name == "monitor.alerts.hub.stale_commits")
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref stale, value));
        listener.Start();
        var folder = Directory.CreateTempSubdirectory("hub-shard-bench-");
        try
        {
            MonitorStorageOptions storage;
            if (store == "postgres")
            {
                var server = await PostgresServer.GetSharedAsync();
                storage = new MonitorStorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = await server.CreateDatabaseAsync("shards"), ServiceId = "bench" };
            }
            else
            {
                storage = new MonitorStorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = Path.Combine(folder.FullName, "monitor.db"), ServiceId = "bench" };
            }

            await using var silo = await BenchSilo.StartAsync(builder =>
            {
                builder.AddMonitorGrains(storage);
                builder.Services.Configure<AlertHubOptions>(options => options.HubShards = shards);
            });
            await silo.Services.GetRequiredService<IAlertStore>().CountAlertsAsync(CancellationToken.None); // migrates the schema
            var router = silo.Services.GetRequiredService<AlertRouter>();
            var now = DateTimeOffset.UtcNow;
            await PublishAsync(router, 0, Warmup, concurrency, now);
            var timer = Stopwatch.StartNew();
            await PublishAsync(router, Warmup, episodes, concurrency, now);
            timer.Stop();
            var stored = await silo.Factory.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey).QueryAsync(new AlertQuery(Limit: 1));
            if (stored.Items.Count == 0)
            {
                throw new InvalidOperationException("No alert was stored: the run would time nothing.");
            }

            return (episodes / timer.Elapsed.TotalSeconds, timer.Elapsed.TotalSeconds, Interlocked.Read(ref stale));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static Task PublishAsync(AlertRouter router, int from, int count, int concurrency, DateTimeOffset now)
    {
        var next = from - 1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < from + count)
            {
                var alert = BenchAlerts.Alert(index, now.AddMinutes(-(index / Groups)), ended: false, group: $"g{index % Groups}");
                await router.PublishAsync([new EpisodeEvent(AlertChangeNames.Opened, alert)]);
            }
        })));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
