using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Benchmarks.Alerts;
using Monitor.Benchmarks.Runtime;
using Monitor.Grains;
using Monitor.Grains.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Testing;
using Npgsql;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// The alert store at scale, timed by hand (not BenchmarkDotNet, whose repetitions would refill millions of rows): for each
/// retained-alert count and open-alert count, a store is seeded with resolved alerts (1,000 accounts a group, bulk-loaded
/// into its tables by <see cref="AlertStoreSeeder"/>) and open ones (<see cref="BenchAlerts.OpenAlert"/>, in incidents), then through the hub grain of a real silo: publish latency of one new open episode (it is correlated against
/// its group, checked for inhibitors, written with its change), of an update to a random open alert, the store's bytes per alert, and the p99 of filtered
/// queries (by group and kind, account, status, kind and severity, and a page from the middle of kind and status).
/// </summary>
public static class AlertStoreRuns
{
    private const int Warmup = 20;
    private static readonly DateTimeOffset SeedStart = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string store, IReadOnlyList<int> sizes, IReadOnlyList<int> opens, int samples)
    {
        Console.WriteLine($"// alert store on {store}: retained {string.Join(", ", sizes.Select(s => s.ToString("N0", null)))}; " +
                          $"open {string.Join(", ", opens.Select(s => s.ToString("N0", null)))}; {samples} samples each; {Environment.ProcessorCount} cores; load {LoadAverage()}");
        Console.WriteLine("retained | open | seed s | publish p50 ms | publish p99 ms | update p50 ms | update p99 ms | bytes/alert | query p50 ms | query p99 ms | query p99 ms by shape | load");
        foreach (var size in sizes)
        {
            foreach (var open in opens)
            {
                await RunOneAsync(store, size, open, samples);
            }
        }

        return 0;
    }

    private static async Task RunOneAsync(string store, int size, int open, int samples)
    {
        var folder = Directory.CreateTempSubdirectory("alert-store-bench-");
        string? database = null;
        PostgresServer? server = null;
        try
        {
            MonitorStorageOptions storage;
            if (store == "postgres")
            {
                server = await PostgresServer.GetSharedAsync();
                database = await server.CreateDatabaseAsync("alerts");
                storage = new MonitorStorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = database, ServiceId = "bench" };
            }
            else
            {
                storage = new MonitorStorageOptions { Provider = StorageProvider.Sqlite, SqlitePath = Path.Combine(folder.FullName, "monitor.db"), ServiceId = "bench" };
            }

            await using var silo = await BenchSilo.StartAsync(builder => builder.AddMonitorGrains(storage));
            var alertStore = silo.Services.GetRequiredService<IAlertStore>();
            await alertStore.CountAlertsAsync(CancellationToken.None); // migrates the schema
            var fill = Stopwatch.StartNew();
            var now = DateTimeOffset.UtcNow;
            var openAlerts = Enumerable.Range(0, open).Select(i => BenchAlerts.OpenAlert(i, now)).ToList();
            var seeded = Enumerable.Range(0, size).Select(i => BenchAlerts.Alert(i, SeedStart.AddMinutes(3L * i), ended: true)).Concat(openAlerts);
            if (store == "postgres")
            {
                await AlertStoreSeeder.SeedPostgresAsync(database!, storage.ServiceId, seeded.ToList(), 1);
            }
            else
            {
                AlertStoreSeeder.SeedSqlite(storage.SqlitePath, storage.ServiceId, seeded, 1);
            }

            fill.Stop();
            var hub = silo.Factory.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);
            await hub.GetLastSequenceAsync();

            // Warm-up, then timed publishes of new open episodes in g0, which holds 1,000 retained alerts at every size;
            // their starts lie 5 days apart (beyond the 2-day correlation window), so each reads its group and kind but
            // none joins an incident: the same work at every size.
            var publishes = new List<double>();
            for (var i = 0; i < samples + Warmup; i++)
            {
                var alert = BenchAlerts.Alert(size + i, now.AddDays(-5 * i), ended: false, group: "g0");
                var timer = Stopwatch.StartNew();
                await hub.PublishAsync([new EpisodeEvent(AlertChangeNames.Opened, alert)]);
                if (i >= Warmup)
                {
                    publishes.Add(timer.Elapsed.TotalMilliseconds);
                }
            }

            // Updates of open alerts (a new peak), each in its group's incident of its kind, as account grains send them
            // while episodes go on: the publish that the open alerts around it must not slow down.
            var updates = new List<double>();
            var random = new Random(17);
            for (var i = 0; open > 0 && i < samples + Warmup; i++)
            {
                var alert = openAlerts[random.Next(open)];
                var timer = Stopwatch.StartNew();
                await hub.PublishAsync([new EpisodeEvent(AlertChangeNames.Updated, alert with { PeakFollowers = alert.PeakFollowers + i + 1, Change = alert.Change - i - 1 })]);
                if (i >= Warmup)
                {
                    updates.Add(timer.Elapsed.TotalMilliseconds);
                }
            }

            var groups = Math.Max(1, size / BenchAlerts.GroupSize);
            var middle = SeedStart.AddMinutes(1.5 * size).UtcTicks;
            var shapes = new (string Name, Func<int, AlertQuery> Query)[]
            {
                ("group+kind", i => new AlertQuery(Kind: "drop", Group: $"g{(i * 31) % groups}", Limit: 100)),
                ("account", i => new AlertQuery(Account: $"x:{(i * 7919) % size}")),
                ("status=open", _ => new AlertQuery(Status: "open", Limit: 100)),
                ("kind+severity", _ => new AlertQuery(Kind: "surge", Severity: "critical", Limit: 100)),
                ("kind+status, page in the middle", i => new AlertQuery(Kind: "drop", Status: "resolved", Cursor: $"{middle + i}:~", Limit: 100)),
            };
            var queries = new List<double>();
            var byShape = shapes.ToDictionary(shape => shape.Name, _ => new List<double>());
            for (var i = 0; i < samples; i++)
            {
                var (name, query) = shapes[i % shapes.Length];
                var timer = Stopwatch.StartNew();
                var page = await hub.QueryAsync(query(i));
                var elapsed = timer.Elapsed.TotalMilliseconds;
                if (page.Items.Count == 0)
                {
                    throw new InvalidOperationException($"The {name} query found nothing: the benchmark would time an empty answer.");
                }

                queries.Add(elapsed);
                byShape[name].Add(elapsed);
            }

            var bytes = store == "postgres" ? await PostgresBytesAsync(database!) : SqliteBytes(storage.SqlitePath);
            Console.WriteLine($"{size,8:N0} | {open,7:N0} | {fill.Elapsed.TotalSeconds,6:F1} | {Percentile(publishes, 0.5),14:F2} | {Percentile(publishes, 0.99),14:F2} | " +
                              $"{(updates.Count == 0 ? "-" : Percentile(updates, 0.5).ToString("F2", null)),13} | {(updates.Count == 0 ? "-" : Percentile(updates, 0.99).ToString("F2", null)),13} | " +
                              $"{bytes / (double)(size + open + samples + Warmup),11:F0} | {Percentile(queries, 0.5),12:F2} | {Percentile(queries, 0.99),12:F2} | " +
                              string.Join(", ", byShape.Select(shape => $"{shape.Key} {Percentile(shape.Value, 0.99):F1}")) + $" | {LoadAverage()}");
        }
        finally
        {
            if (server is not null && database is not null)
            {
                await server.DropDatabaseAsync(database);
            }

            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static long SqliteBytes(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        // Pages of the alert tables and their indexes (the dbstat table), not the rest of the silo's file.
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT SUM(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name IN ('alerts', 'alert_groups', 'alert_changes', 'incidents', 'incident_alerts'))";
        try
        {
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            // SQLite built without dbstat: the whole file.
            return new FileInfo(path).Length;
        }
    }

    private static async Task<long> PostgresBytesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT SUM(pg_total_relation_size(c)) FROM unnest(ARRAY['alerts', 'alert_groups', 'alert_changes', 'incidents', 'incident_alerts']::regclass[]) c", connection);
        return (long)(System.Numerics.BigInteger)(decimal)(await command.ExecuteScalarAsync())!;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
