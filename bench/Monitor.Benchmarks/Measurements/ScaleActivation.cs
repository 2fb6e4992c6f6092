using System.Diagnostics;
using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Benchmarks.Runtime;
using Monitor.Grains;
using Monitor.Grains.Accounts;
using Monitor.Storage;
using Orleans.Configuration;
using Orleans.Core.Internal;
using Orleans.Runtime;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// <c>account-activation</c>: one silo on the embedded default's durable SQLite storage activates every account
/// <see cref="ScaleSeed"/> put in a folder, one <see cref="IAccountGrain.GetSummaryAsync"/> each with bounded concurrency,
/// in order. It reports the rate per 100,000 and overall, the GC heap after a compacting collection and the RSS at 250k,
/// 500k and all, the live activations (idle collection must not have taken any), and the files' size. Then it checks the
/// seed: an account that takes the same week through <see cref="IAccountGrain.RecordAsync"/> and is deactivated must have
/// stored the same checkpoint bytes, and read back the same history and summary, as a sample of seeded accounts.
/// </summary>
public static class ScaleActivation
{
    private const int Step = 50_000;
    private const int Sample = 200;

    public static async Task<int> RunAsync(string folder, int concurrency, TimeSpan collectionAge, TimeSpan hold)
    {
        var manifest = JsonSerializer.Deserialize<ScaleSeedManifest>(await File.ReadAllTextAsync(ScaleSeed.ManifestPath(folder)))
            ?? throw new InvalidOperationException($"{folder} holds no seed manifest.");
        var accounts = manifest.Accounts;
        Console.WriteLine($"// account activation: {accounts:N0} seeded accounts in {folder} ({ScaleSeed.BytesOnDisk(folder) / 1048576.0:N0} MiB on disk), " +
                          $"{concurrency} concurrent callers, CollectionAge {collectionAge}, {Environment.ProcessorCount} cores");
        var startedAt = Stopwatch.GetTimestamp();
        await using var silo = await BenchSilo.StartAsync(builder =>
        {
            builder.AddMonitorGrains(ScaleSeed.Storage(folder));
            builder.Configure<GrainCollectionOptions>(options => options.CollectionAge = collectionAge);
        });
        Console.WriteLine($"// silo started in {Stopwatch.GetElapsedTime(startedAt).TotalSeconds:F1} s");
        var factory = silo.Factory;
        var baseline = MemorySnapshot.Take();
        Console.WriteLine($"// baseline: {baseline}, {await CountActivationsAsync(factory):N0} account activations");

        var total = Stopwatch.StartNew();
        var hundredK = Stopwatch.StartNew();
        for (var from = 0; from < accounts; from += Step)
        {
            var count = Math.Min(Step, accounts - from);
            await BoundedRuns.ForEachAsync(Enumerable.Range(from, count), concurrency, async index =>
            {
                if (await factory.GetGrain<IAccountGrain>(ScaleSeed.Key(index)).GetSummaryAsync() is null)
                {
                    throw new InvalidOperationException($"{ScaleSeed.Key(index)} is not configured in storage.");
                }
            });

            var activated = from + count;
            if (activated % 100_000 == 0 || activated == accounts)
            {
                var span = activated % 100_000 == 0 ? 100_000 : activated % 100_000;
                Console.WriteLine($"//   {activated:N0} activated: last {span:N0} at {span / hundredK.Elapsed.TotalSeconds:N0}/s; overall {activated / total.Elapsed.TotalSeconds:N0}/s; {Environment.NewLine}" +
                                  $"//     load average {LoadAverage()}");
                hundredK.Restart();
            }

            if (activated is 250_000 or 500_000 || activated == accounts)
            {
                total.Stop();
                hundredK.Stop();
                var now = MemorySnapshot.Take();
                var live = await CountActivationsAsync(factory);
                Console.WriteLine($"// at {activated:N0}: {now}; {live:N0} account activations live; per activation " +
                                  $"{MemorySnapshot.PerAccount(now.Heap - baseline.Heap, activated)} B GC heap, {MemorySnapshot.PerAccount(now.Rss - baseline.Rss, activated)} B RSS over the baseline");
                total.Start();
                hundredK.Start();
            }
        }

        total.Stop();
        Console.WriteLine($"// all {accounts:N0} activated from storage in {total.Elapsed.TotalSeconds:F1} s: {accounts / total.Elapsed.TotalSeconds:N0} activations/s " +
                          "(the pauses for measurements excluded)");
        if (hold > TimeSpan.Zero)
        {
            // A window for a heap snapshot (dotnet-gcdump collect -p <pid>).
            Console.WriteLine($"// holding for {hold.TotalSeconds:N0} s, process {Environment.ProcessId}");
            await Task.Delay(hold);
        }

        var same = await CheckSeedAsync(silo, manifest);
        Console.WriteLine($"// files now {ScaleSeed.BytesOnDisk(folder) / 1048576.0:N0} MiB on disk");
        return same ? 0 : 1;
    }

    // A reference account takes the seeded week through the grain and is deactivated (its checkpoint written); its stored
    // bytes, history and summary must match seeded accounts'.
    private static async Task<bool> CheckSeedAsync(BenchSilo silo, ScaleSeedManifest manifest)
    {
        var factory = silo.Factory;
        var reference = $"x:{900_000_000_000L + Environment.ProcessId}";
        var grain = factory.GetGrain<IAccountGrain>(reference);
        await grain.ConfigureAsync(new AccountProfile());
        var recorded = await grain.RecordAsync(HourlyWeek.Of(reference, manifest.End));
        if (recorded.Accepted != HourlyWeek.Hours)
        {
            throw new InvalidOperationException($"The reference account accepted {recorded.Accepted} of {HourlyWeek.Hours} points.");
        }

        // Deactivation writes the checkpoint; the next calls reach a new activation restored from it.
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var from = manifest.End.AddDays(-8);
        var to = manifest.End.AddHours(1);
        var expectedHistory = await grain.GetHistoryAsync(from, to, HistoryResolution.Raw);
        var expectedSummary = SummaryJson(await grain.GetSummaryAsync(), reference);
        var storage = silo.Storage(StorageServiceCollectionExtensions.DefaultProviderName);
        var expected = await ReadStoredAsync(storage, reference, manifest.End);
        var mismatches = 0;
        var step = Math.Max(1, manifest.Accounts / Sample);
        for (var index = 0; index < manifest.Accounts; index += step)
        {
            var key = ScaleSeed.Key(index);
            var account = factory.GetGrain<IAccountGrain>(key);
            var stored = await ReadStoredAsync(storage, key, manifest.End);
            var history = await account.GetHistoryAsync(from, to, HistoryResolution.Raw);
            var summary = SummaryJson(await account.GetSummaryAsync(), key);
            if (stored != expected || !history.SequenceEqual(expectedHistory) || summary != expectedSummary)
            {
                mismatches++;
                Console.WriteLine($"// MISMATCH {key}: stored {stored == expected}, history {history.SequenceEqual(expectedHistory)} ({history.Count} vs {expectedHistory.Count} points), summary {summary == expectedSummary}");
            }
        }

        Console.WriteLine($"// seed check: {(mismatches == 0 ? "the same" : $"{mismatches} DIFFER")} — {(manifest.Accounts + step - 1) / step} seeded accounts against {reference}, " +
                          $"which took the same {HourlyWeek.Hours} points through RecordAsync (checkpoint bytes, {expectedHistory.Count} raw history points, summary)");
        return mismatches == 0;
    }

    // The checkpoint as stored, without what differs by construction (the log sequence, which is global).
    private static async Task<string> ReadStoredAsync(Orleans.Storage.IGrainStorage storage, string key, DateTimeOffset end)
    {
        var state = new GrainState<AccountState>();
        await storage.ReadStateAsync(AccountGrain.StateName, GrainId.Create("account", key), state);
        var stored = state.State;
        return $"{stored.Configured}|{Convert.ToHexString(stored.History ?? [])}|{Convert.ToHexString(stored.Detector ?? [])}|" +
               $"{stored.OpenEpisodes.Count}|{stored.Outbox.Count}|{JsonSerializer.Serialize(stored.Profile)}|{end:O}";
    }

    private static string SummaryJson(AccountSummary? summary, string key) =>
        JsonSerializer.Serialize(summary ?? throw new InvalidOperationException($"{key} has no summary.")).Replace(key, "<key>", StringComparison.Ordinal);

    private static async Task<int> CountActivationsAsync(IGrainFactory factory)
    {
        var statistics = await factory.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(nameof(AccountGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
