using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Abstractions.Http;
using Monitor.Benchmarks.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Hosting;
using Monitor.Testing;
using Orleans;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// Acknowledge -> live stream latency with many open alerts under ingest: a silo (SQLite in a temp folder, or PostgreSQL)
/// whose store holds N open alerts (bulk-loaded in groups of 1,000, each group's alerts of a kind in one incident, as the
/// hub would have correlated them) while a background loop publishes episode updates to the hub as account
/// grains do (batches of 20, back to back); a client follows <c>GET /api/alerts/stream</c> and times, for each sample,
/// <c>POST /api/alerts/{id}/acknowledge</c> until the stream delivers that alert's <c>acknowledged</c> change.
/// </summary>
public static class AckToStreamLatency
{
    private const int IngestBatch = 20;
    private const string ServiceId = "bench";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string store, int open, int samples, TimeSpan warmup)
    {
        Console.WriteLine($"// ack -> SSE on {store}: {open:N0} open alerts, {samples} samples after {warmup.TotalSeconds:F0} s of warm-up, {Environment.ProcessorCount} cores, load average {LoadAverage()}; " +
                          (SiloRuntimeSettings.Applied ? $"the silo's runtime settings ({SiloRuntimeSettings.Describe()})" : "the runtime's defaults"));
        var folder = Directory.CreateTempSubdirectory("monitor-bench-ack-");
        PostgresServer? server = null;
        string? database = null;
        try
        {
            var options = new SiloHostOptions { Urls = "http://127.0.0.1:0", QuietLogging = true };
            if (store == "postgres")
            {
                server = await PostgresServer.GetSharedAsync();
                database = await server.CreateDatabaseAsync("ack");
                options.UsePostgres(database);
            }
            else
            {
                options.UseSqlite(Path.Combine(folder.FullName, "silo.db"));
            }

            options.Configuration[SiloHostOptions.CollectorsEnabledKey] = "false";
            options.Configuration["Monitor:Storage:ServiceId"] = ServiceId;
            // A first start creates the schema; the alerts are loaded while no silo runs (the hub and the webhook and
            // Alertmanager workers read the store as soon as a silo starts); the measured silo starts over them.
            await using (var schema = SiloApp.Build(options))
            {
                await schema.StartAsync();
                await schema.Services.GetRequiredService<IAlertStore>().CountAlertsAsync(CancellationToken.None);
                await schema.StopAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var now = DateTimeOffset.UtcNow;
            var alerts = Enumerable.Range(0, open).Select(i => BenchAlerts.OpenAlert(i, now)).ToList();
            var seed = Stopwatch.StartNew();
            if (store == "postgres")
            {
                await AlertStoreSeeder.SeedPostgresAsync(database!, ServiceId, alerts, 1);
            }
            else
            {
                AlertStoreSeeder.SeedSqlite(Path.Combine(folder.FullName, "silo.db"), ServiceId, alerts, 1);
            }

            await using var app = SiloApp.Build(options);
            await app.StartAsync();
            Console.WriteLine($"seeded {open:N0} open alerts in {seed.Elapsed.TotalSeconds:F1} s");
            var hub = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);
            var last = await hub.GetLastSequenceAsync();
            if (last != open)
            {
                throw new InvalidOperationException($"The hub's last sequence is {last}, not {open}: the seed did not reach the silo's store (service id?).");
            }

            using var http = new HttpClient { BaseAddress = SiloApp.GetListeningAddress(app), Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Add(ApiConventions.ClientHeader, "bench");
            using var stop = new CancellationTokenSource();
            var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<long>>();
            using var stream = await http.GetAsync($"api/alerts/stream?after={last}", HttpCompletionOption.ResponseHeadersRead);
            stream.EnsureSuccessStatusCode();
            var reader = Task.Run(() => ReadStreamAsync(stream, acknowledged, stop.Token));

            long published = 0;
            var ingest = Task.Run(async () =>
            {
                var random = new Random(17);
                for (var step = 1; !stop.IsCancellationRequested; step++)
                {
                    var batch = Enumerable.Range(0, IngestBatch)
                        .Select(_ => alerts[random.Next(open)])
                        .DistinctBy(alert => alert.Id)
                        .Select(alert => new EpisodeEvent(AlertChangeNames.Updated, alert with { PeakFollowers = alert.PeakFollowers + step, Change = alert.Change - step }))
                        .ToList();
                    await hub.PublishAsync(batch);
                    Interlocked.Add(ref published, batch.Count);
                }
            });

            // Alerts the ingest loop never touches would be easier; these are random among all, like a duty officer's.
            var measured = Enumerable.Range(0, samples).Select(i => alerts[(int)((long)i * 7919 % open)]).ToList();
            var measuredIds = measured.Select(alert => alert.Id).ToHashSet(StringComparer.Ordinal);
            var spare = Enumerable.Range(0, open).Select(i => alerts[(int)((i * 104729L + 1) % open)]).Where(alert => !measuredIds.Contains(alert.Id)).GetEnumerator();
            using var stages = new AckStageClock();
            using var runtime = new RuntimeSampler();

            async Task<AckSample> AcknowledgeAsync(AlertView alert)
            {
                var delivered = acknowledged.GetOrAdd(alert.Id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
                stages.Reset();
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync($"api/alerts/{Uri.EscapeDataString(alert.Id)}/acknowledge", new { by = "bench" });
                var responded = Stopwatch.GetTimestamp();
                response.EnsureSuccessStatusCode();
                var arrived = await delivered.Task.WaitAsync(TimeSpan.FromMinutes(1));
                var (readEnd, gateEnd, commitEnd) = stages.Read();
                return new AckSample(started, readEnd, gateEnd, commitEnd, responded, arrived, runtime.Window(started, Math.Max(arrived, responded)));
            }

            // A silo in service has run its code before: the first calls (the JIT compiling each method, then again at
            // tier 1) are start-up, not the steady state the goal is about. Warm-up acknowledgements are of other alerts.
            var warmupWatch = Stopwatch.StartNew();
            var warmupStart = Stopwatch.GetTimestamp();
            var warmupCount = 0;
            while (warmupWatch.Elapsed < warmup && spare.MoveNext())
            {
                await AcknowledgeAsync(spare.Current);
                warmupCount++;
            }

            Console.WriteLine($"warm-up: {warmupCount} acknowledgements in {warmupWatch.Elapsed.TotalSeconds:F1} s; {runtime.Window(warmupStart, Stopwatch.GetTimestamp())}");
            var latencies = new List<double>();
            var timed = new List<AckSample>();
            using var phases = new HubPhases();
            var publishedBefore = Interlocked.Read(ref published);
            var ingestWatch = Stopwatch.StartNew();
            var first = Stopwatch.GetTimestamp();
            foreach (var alert in measured)
            {
                var sample = await AcknowledgeAsync(alert);
                timed.Add(sample);
                latencies.Add(sample.TotalMs);
            }

            var ingestRate = (Interlocked.Read(ref published) - publishedBefore) / ingestWatch.Elapsed.TotalSeconds;
            var whole = runtime.Window(first, Stopwatch.GetTimestamp());
            await stop.CancelAsync();
            await ingest;
            latencies.Sort();
            Console.WriteLine($"ack -> SSE ms: p50 {Percentile(latencies, 0.5):F1}, p90 {Percentile(latencies, 0.9):F1}, p99 {Percentile(latencies, 0.99):F1}, max {latencies[^1]:F1}; " +
                              $"ingest {ingestRate:N0} episode updates/s alongside; load average {LoadAverage()}");
            Console.WriteLine(phases.Summary());
            Console.WriteLine($"runtime over the samples: {whole}; GC server {System.Runtime.GCSettings.IsServerGC}, latency mode {System.Runtime.GCSettings.LatencyMode}");
            PrintStages(timed);
            await app.StopAsync();
            return 0;
        }
        finally
        {
            if (server is not null && database is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Npgsql.NpgsqlConnection.ClearAllPools();
                await server.DropDatabaseAsync(database);
            }

            folder.Delete(recursive: true);
        }
    }

    private static async Task ReadStreamAsync(HttpResponseMessage stream, System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<long>> waiting, CancellationToken cancellationToken)
    {
        using var body = new StreamReader(await stream.Content.ReadAsStreamAsync(cancellationToken));
        string? eventName = null;
        while (!cancellationToken.IsCancellationRequested && await body.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventName = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal) && eventName == AlertChangeNames.Acknowledged)
            {
                var now = Stopwatch.GetTimestamp();
                var change = JsonSerializer.Deserialize<AlertChange>(line[5..], Json)!;
                waiting.GetOrAdd(change.Alert.Id, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(now);
            }
            else if (line.Length == 0)
            {
                eventName = null;
            }
        }
    }

    private static void PrintStages(List<AckSample> timed)
    {
        void Stage(string name, Func<AckSample, double> of)
        {
            var values = timed.Select(of).Where(v => !double.IsNaN(v)).Order().ToList();
            if (values.Count > 0)
            {
                Console.WriteLine($"stage {name}: p50 {Percentile(values, 0.5):F1}, p90 {Percentile(values, 0.9):F1}, p99 {Percentile(values, 0.99):F1}, max {values[^1]:F1} ms");
            }
        }

        Stage("to read end", s => s.ToReadEndMs);
        Stage("gate", s => s.GateMs);
        Stage("commit", s => s.CommitMs);
        Stage("publish -> SSE", s => s.PublishToSseMs);
        Stage("publish -> HTTP response", s => s.PublishToResponseMs);
        Console.WriteLine("slowest samples:");
        foreach (var (sample, index) in timed.Select((sample, index) => (sample, index)).OrderByDescending(pair => pair.sample.TotalMs).Take(10))
        {
            Console.WriteLine($"  #{index,3}: {sample}");
        }
    }

    internal static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
