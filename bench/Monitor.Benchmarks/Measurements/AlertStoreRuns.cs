using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Benchmarks.Runtime;
using Monitor.Grains;
using Monitor.Grains.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Testing;
using Npgsql;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// The alert store at scale, timed by hand (not BenchmarkDotNet, whose repetitions would refill millions of rows): for each
/// retained-alert count, a store is filled with resolved alerts (1,000 accounts a group, batches written straight to the
/// store), then through the hub grain of a real silo: publish latency of one new open episode (it is correlated against
/// its group, checked for inhibitors, written with its change), the store's bytes per alert, and the p99 of filtered
/// queries (by group and kind, by account, by status).
/// </summary>
public static class AlertStoreRuns
{
    private const int GroupSize = 1_000;
    private const int FillBatch = 5_000;

    public static async Task<int> RunAsync(string store, IReadOnlyList<int> sizes, int samples)
    {
        Console.WriteLine($"// alert store on {store}: retained {string.Join(", ", sizes.Select(s => s.ToString("N0", null)))}; {samples} samples each; {Environment.ProcessorCount} cores; load {LoadAverage()}");
        Console.WriteLine("retained | fill s | publish p50 ms | publish p99 ms | bytes/alert | query p50 ms | query p99 ms");
        foreach (var size in sizes)
        {
            await RunOneAsync(store, size, samples);
        }

        return 0;
    }

    private static async Task RunOneAsync(string store, int size, int samples)
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
            var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var fill = Stopwatch.StartNew();
            long sequence = 0;
            for (var first = 0; first < size; first += FillBatch)
            {
                var writes = new AlertStoreWrites();
                for (var i = first; i < Math.Min(size, first + FillBatch); i++)
                {
                    var alert = Alert(i, start.AddHours(i), ended: true);
                    writes.Alerts[alert.Id] = alert;
                    writes.Changes.Add(new AlertChange(++sequence, AlertChangeNames.Resolved, alert));
                }

                await alertStore.CommitAsync(writes, CancellationToken.None);
            }

            fill.Stop();
            var hub = silo.Factory.GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);
            await hub.GetLastSequenceAsync();

            // Warm-up, then timed publishes of new open episodes, each in a group that already holds retained alerts.
            var publishes = new List<double>();
            for (var i = 0; i < samples + 20; i++)
            {
                var alert = Alert(size + i, DateTimeOffset.UtcNow.AddMinutes(-i), ended: false);
                var timer = Stopwatch.StartNew();
                await hub.PublishAsync([new EpisodeEvent(AlertChangeNames.Opened, alert)]);
                if (i >= 20)
                {
                    publishes.Add(timer.Elapsed.TotalMilliseconds);
                }
            }

            var queries = new List<double>();
            for (var i = 0; i < samples; i++)
            {
                var query = (i % 3) switch
                {
                    0 => new AlertQuery(Kind: "drop", Group: $"g{i % Math.Max(1, size / GroupSize)}", Limit: 100),
                    1 => new AlertQuery(Account: $"x:{(i * 7919) % Math.Max(1, size)}"),
                    _ => new AlertQuery(Status: "open", Limit: 100),
                };
                var timer = Stopwatch.StartNew();
                await hub.QueryAsync(query);
                queries.Add(timer.Elapsed.TotalMilliseconds);
            }

            var bytes = store == "postgres" ? await PostgresBytesAsync(database!) : SqliteBytes(storage.SqlitePath);
            Console.WriteLine($"{size,8:N0} | {fill.Elapsed.TotalSeconds,6:F1} | {Percentile(publishes, 0.5),14:F2} | {Percentile(publishes, 0.99),14:F2} | " +
                              $"{bytes / (double)(size + samples + 20),11:F0} | {Percentile(queries, 0.5),12:F2} | {Percentile(queries, 0.99),12:F2}");
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

    private static AlertView Alert(int i, DateTimeOffset start, bool ended) => new(
        $"drop-x:{i}-{start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}", $"x:{i}", "drop", "warning", ended ? "resolved" : "open",
        start, start.AddHours(6), 400_000, ended ? start.AddDays(1) : null, 300, -4_000, -9.5, -12_000, -0.03,
        [$"g{i / GroupSize}"], UpdatedAt: start, Platform: "x");

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
