using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Alertmanager;
using Monitor.Grains.Alerts;
using Monitor.Hosting;
using Monitor.Testing;
using Orleans;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// Alerts pushed to a real Alertmanager per second: a silo (SQLite in a temp folder) holds N open alerts in its hub and
/// its <see cref="AlertmanagerNotifier"/> pushes all of them (changed since the last push) in 64-alert POSTs to a local
/// Alertmanager (the test kit's, Debian's prometheus-alertmanager) whose webhook receiver is on loopback too. Each run
/// updates every alert first (not timed), then times one push of them all.
/// </summary>
public static class AlertmanagerPushRate
{
    public static async Task<int> RunAsync(int alerts, int runs)
    {
        Console.WriteLine($"// alertmanager push: {alerts:N0} open alerts, {runs} runs, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        await using var receiver = AlertmanagerWebhookReceiver.Start();
        await using var alertmanager = await AlertmanagerServer.StartAsync(AlertmanagerServer.Configuration(receiver.Url, ["group", "kind"]), CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("monitor-bench-alertmanager-");
        try
        {
            var options = new SiloHostOptions { Urls = "http://127.0.0.1:0", QuietLogging = true }.UseSqlite(Path.Combine(folder.FullName, "silo.db"));
            options.Configuration[SiloHostOptions.CollectorsEnabledKey] = "false";
            options.Configuration["Monitor:Outbound:AllowedRanges:0"] = "127.0.0.0/8";
            options.Configuration["Monitor:Alertmanager:Urls:0"] = alertmanager.Address.ToString();

            // The background loop stays out of the way: every push measured here is the one this program asks for.
            options.Configuration["Monitor:Alertmanager:PollPeriod"] = "1.00:00:00";
            await using var app = SiloApp.Build(options);
            await app.StartAsync();
            var hub = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);
            var notifier = app.Services.GetRequiredService<AlertmanagerNotifier>();
            var start = DateTimeOffset.UtcNow.Date.AddDays(-2);
            var views = Enumerable.Range(0, alerts).Select(i => Alert(i, start, 0)).ToList();
            var rates = new List<double>();
            for (var run = 0; run <= runs; run++)
            {
                foreach (var batch in views.Select(view => Alert(int.Parse(view.Account[2..], CultureInfo.InvariantCulture), start, run)).Chunk(1000))
                {
                    await hub.PublishAsync([.. batch.Select(alert => new EpisodeEvent(run == 0 ? "opened" : "updated", alert))]);
                }

                var watch = Stopwatch.StartNew();
                var pushed = await notifier.RunOnceAsync(CancellationToken.None);
                watch.Stop();
                var rate = pushed / watch.Elapsed.TotalSeconds;
                Console.WriteLine($"{(run == 0 ? "warm-up" : $"run {run}")}: {pushed:N0} alerts in {watch.Elapsed.TotalSeconds:0.000} s = {rate:N0} alerts/s (load average {LoadAverage()})");
                if (run > 0)
                {
                    rates.Add(rate);
                }
            }

            var held = (await alertmanager.AlertsAsync(CancellationToken.None)).Count;
            rates.Sort();
            Console.WriteLine($"alerts/s: median {rates[rates.Count / 2]:N0}, range {rates[0]:N0}-{rates[^1]:N0}; Alertmanager holds {held:N0} alerts");
            await app.StopAsync();
            return held == alerts ? 0 : 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static AlertView Alert(int index, DateTimeOffset start, int step) => new(
        $"surge-x:{index}-{start:yyyyMMdd}", $"x:{index}", "surge", "warning", "open", start, start.AddHours(step + 1), 1_000_000 + (step * 100),
        null, 100, 3_000, 9.5, 10_000 + (step * 100), 0.01, [$"bench-{index % 50}"]);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
