using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Accounts;
using Monitor.Benchmarks.Runtime;
using Monitor.Grains;
using Monitor.Grains.Accounts;
using Orleans.Core.Internal;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// Memory of idle account grains, in one silo on the memory storage provider: N accounts configured (default profile)
/// and given a week of hourly history (168 observations in one <see cref="IAccountGrain.RecordAsync"/>), then measured
/// (GC heap after a full compacting collection, and process RSS). Then every account is deactivated (its checkpoint goes
/// to storage), measured again (what is left is memory storage, in-memory observation log, directory and reminders), and
/// activated again from storage with one <see cref="IAccountGrain.GetSummaryAsync"/> each, timed; a last pass times the
/// same call on the now active grains.
/// </summary>
public static class AccountFootprint
{
    public static async Task<int> RunAsync(int accounts, int concurrency, bool stallReminder, TimeSpan hold)
    {
        Console.WriteLine($"// account footprint: {accounts:N0} accounts x {HourlyWeek.Hours} hourly observations, {concurrency} concurrent callers, " +
                          $"stall reminder {(stallReminder ? "on" : "off")}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Environment.ProcessorCount} cores");
        MeasureModels(Math.Min(accounts, 20_000));
        await using var silo = await BenchSilo.StartAsync(builder =>
        {
            builder.AddMonitorGrains(new MonitorStorageOptions { Provider = StorageProvider.Memory, ServiceId = "bench" });
            builder.Services.Configure<AccountGrainOptions>(options => options.StallReminder = stallReminder);
        });
        var factory = silo.Factory;
        var end = HourlyWeek.EndAt(DateTimeOffset.UtcNow);

        // Warm-up on other accounts: code paths jitted, pools and the silo's own structures grown before the baseline.
        var warm = Enumerable.Range(0, 2_000).Select(i => $"x:{900_000_000_000L + i}").ToArray();
        await BoundedRuns.ForEachAsync(warm, concurrency, key => CreateAsync(factory, key, end));
        await DeactivateAsync(silo, warm, concurrency);

        var keys = Enumerable.Range(0, accounts).Select(i => $"x:{1_000_000_000L + i}").ToArray();
        var baseline = MemorySnapshot.Take();
        Console.WriteLine($"// baseline: {baseline}");

        var created = await BoundedRuns.TimeAsync(() => BoundedRuns.ForEachAsync(keys, concurrency, key => CreateAsync(factory, key, end)));
        var active = MemorySnapshot.Take();
        Console.WriteLine($"// pass 1, configure + record {HourlyWeek.Hours} points: {accounts / created.TotalSeconds:N0} accounts/s ({created.TotalSeconds:F1} s)");
        Console.WriteLine($"// active: {active}");
        Console.WriteLine($"// per active account (everything: activation, memory storage, in-memory log, directory, reminders): " +
                          $"{MemorySnapshot.PerAccount(active.Heap - baseline.Heap, accounts)} B GC heap, {MemorySnapshot.PerAccount(active.Rss - baseline.Rss, accounts)} B RSS");

        var deactivation = await BoundedRuns.TimeAsync(() => DeactivateAsync(silo, keys, concurrency));
        var idle = MemorySnapshot.Take();
        Console.WriteLine($"// all deactivated in {deactivation.TotalSeconds:F1} s: {idle}");
        Console.WriteLine($"// per account left after deactivation (memory storage, in-memory log, directory, reminders): {MemorySnapshot.PerAccount(idle.Heap - baseline.Heap, accounts)} B GC heap");
        Console.WriteLine($"// active minus deactivated: {MemorySnapshot.PerAccount(active.Heap - idle.Heap, accounts)} B GC heap per account " +
                          "(understates an activation: deactivating wrote each account's history checkpoint into memory storage)");

        var activation = await BoundedRuns.TimeAsync(() => BoundedRuns.ForEachAsync(keys, concurrency, key => factory.GetGrain<IAccountGrain>(key).GetSummaryAsync()));
        var reactivated = MemorySnapshot.Take();
        Console.WriteLine($"// pass 2, activation from storage + GetSummaryAsync: {accounts / activation.TotalSeconds:N0} activations/s ({activation.TotalSeconds:F1} s)");
        Console.WriteLine($"// reactivated: {reactivated}; per activation (reactivated minus deactivated) {MemorySnapshot.PerAccount(reactivated.Heap - idle.Heap, accounts)} B GC heap, " +
                          $"RSS now {MemorySnapshot.PerAccount(reactivated.Rss - baseline.Rss, accounts)} B per account over the baseline");

        if (hold > TimeSpan.Zero)
        {
            // A window for a heap snapshot of the reactivated accounts (dotnet-gcdump collect -p <pid>).
            Console.WriteLine($"// holding for {hold.TotalSeconds:N0} s, process {Environment.ProcessId}");
            await Task.Delay(hold);
        }

        var calls = await BoundedRuns.TimeAsync(() => BoundedRuns.ForEachAsync(keys, concurrency, key => factory.GetGrain<IAccountGrain>(key).GetSummaryAsync()));
        Console.WriteLine($"// pass 3, GetSummaryAsync on active grains: {accounts / calls.TotalSeconds:N0} calls/s ({calls.TotalSeconds:F1} s)");
        return 0;
    }

    // The domain model alone (history and detector), outside Orleans: as built from the week of points, and as restored from
    // its serialised checkpoint, so an activation's size can be told apart from what Orleans and the grain add to it.
    private static void MeasureModels(int count)
    {
        var end = HourlyWeek.EndAt(DateTimeOffset.UtcNow);
        var keys = Enumerable.Range(0, count).Select(i => $"x:{2_000_000_000L + i}").ToArray();
        var baseline = MemorySnapshot.Take();
        var built = new AccountModel[count];
        for (var i = 0; i < count; i++)
        {
            built[i] = AccountModel.Create(keys[i], new AccountProfile());
            var outcome = built[i].Append(keys[i], HourlyWeek.Of(keys[i], end), end);
            built[i].Observe(outcome.Added, outcome.Resolution);
        }

        var afterBuilt = MemorySnapshot.Take();
        var (historyBytes, detectorBytes) = (0L, 0L);
        var restored = new AccountModel[count];
        for (var i = 0; i < count; i++)
        {
            var history = built[i].SerializeHistory();
            var detector = built[i].SerializeDetector();
            (historyBytes, detectorBytes) = (historyBytes + history.Length, detectorBytes + detector.Length);
            restored[i] = AccountModel.Restore(keys[i], new AccountProfile(), history, detector);
        }

        var afterRestored = MemorySnapshot.Take();
        foreach (var model in restored)
        {
            model.ReleaseIdleDetectorState();
        }

        var afterReleased = MemorySnapshot.Take();
        Console.WriteLine($"// model alone ({count:N0}): built from the points {MemorySnapshot.PerAccount(afterBuilt.Heap - baseline.Heap, count)} B, restored from its checkpoint " +
                          $"{MemorySnapshot.PerAccount(afterRestored.Heap - afterBuilt.Heap, count)} B (detector encoded), then read only {MemorySnapshot.PerAccount(afterReleased.Heap - afterBuilt.Heap, count)} B " +
                          $"(detector state released) GC heap; checkpoint bytes: history {MemorySnapshot.PerAccount(historyBytes, count)}, detector {MemorySnapshot.PerAccount(detectorBytes, count)}");
        GC.KeepAlive(built);
        GC.KeepAlive(restored);
    }

    private static async Task CreateAsync(IGrainFactory factory, string key, DateTimeOffset end)
    {
        var grain = factory.GetGrain<IAccountGrain>(key);
        await grain.ConfigureAsync(new AccountProfile());
        var result = await grain.RecordAsync(HourlyWeek.Of(key, end));
        if (result.Accepted != HourlyWeek.Hours)
        {
            throw new InvalidOperationException($"{key}: {result.Accepted} accepted, {result.Duplicates} duplicates, rejected: {string.Join("; ", result.Rejected.Select(r => r.ToString()))}");
        }
    }

    private static async Task DeactivateAsync(BenchSilo silo, string[] keys, int concurrency)
    {
        var factory = silo.Factory;
        await BoundedRuns.ForEachAsync(keys, concurrency, key => factory.GetGrain<IAccountGrain>(key).Cast<IGrainManagementExtension>().DeactivateOnIdle().AsTask());
        var management = factory.GetGrain<IManagementGrain>(0);
        var started = Stopwatch.StartNew();
        while (true)
        {
            var statistics = await management.GetSimpleGrainStatistics();
            var remaining = statistics.Where(s => s.GrainType.Contains(nameof(AccountGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
            if (remaining == 0)
            {
                return;
            }

            if (started.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"{remaining} account activations still there after 10 minutes.");
            }

            await Task.Delay(200);
        }
    }
}
