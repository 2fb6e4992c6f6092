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
/// seed on a sample: each seeded account, registered again through the grain with the same week and deactivated, must
/// store the same checkpoint bytes and read back the same history and summary.
/// </summary>
public static class ScaleActivation
{
    private const int Step = 50_000;
    private const int Sample = 50;

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

    // A sample of seeded accounts, each read (stored checkpoint, history, summary), then removed and registered again through
    // the grain with the same week (ConfigureAsync, RecordAsync), deactivated (its checkpoint written) and read again: the
    // two must be the same. The same key matters: an account's detector state holds its key.
    private static async Task<bool> CheckSeedAsync(BenchSilo silo, ScaleSeedManifest manifest)
    {
        var factory = silo.Factory;
        var storage = silo.Storage(StorageServiceCollectionExtensions.DefaultProviderName);
        var from = manifest.End.AddDays(-8);
        var to = manifest.End.AddHours(1);
        var step = Math.Max(1, manifest.Accounts / Sample);
        var (checkedCount, mismatches, points) = (0, 0, 0);
        for (var index = 0; index < manifest.Accounts; index += step)
        {
            var key = ScaleSeed.Key(index);
            var seeded = await ReadAsync(factory, storage, key, from, to);
            var grain = factory.GetGrain<IAccountGrain>(key);
            await grain.RemoveAsync();
            await grain.ConfigureAsync(new AccountProfile());
            var recorded = await grain.RecordAsync(HourlyWeek.Of(key, manifest.End));
            if (recorded.Accepted != HourlyWeek.Hours)
            {
                throw new InvalidOperationException($"{key} accepted {recorded.Accepted} of {HourlyWeek.Hours} points through RecordAsync.");
            }

            // Deactivation writes the checkpoint; the next calls reach a new activation restored from it.
            await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
            var real = await ReadAsync(factory, storage, key, from, to);
            checkedCount++;
            points = real.History.Count;
            if (seeded.Stored != real.Stored || !seeded.History.SequenceEqual(real.History) || seeded.Summary != real.Summary)
            {
                mismatches++;
                Console.WriteLine($"// MISMATCH {key}: checkpoint {seeded.Stored == real.Stored} (first difference at {FirstDifference(seeded.Stored, real.Stored)}: " +
                                  $"{Excerpt(seeded.Stored, real.Stored)} | {Excerpt(real.Stored, seeded.Stored)}), history {seeded.History.SequenceEqual(real.History)} " +
                                  $"({seeded.History.Count} vs {real.History.Count} points), summary {seeded.Summary == real.Summary}");
            }
        }

        Console.WriteLine($"// seed check: {(mismatches == 0 ? "the same" : $"{mismatches} DIFFER")} — {checkedCount} seeded accounts against themselves registered again " +
                          $"through ConfigureAsync + RecordAsync of the same {HourlyWeek.Hours} points (stored checkpoint bytes, {points} raw history points, summary)");
        return mismatches == 0;
    }

    private static async Task<(string Stored, IReadOnlyList<HistoryPoint> History, string Summary)> ReadAsync(
        IGrainFactory factory, Orleans.Storage.IGrainStorage storage, string key, DateTimeOffset from, DateTimeOffset to)
    {
        var grain = factory.GetGrain<IAccountGrain>(key);
        var history = await grain.GetHistoryAsync(from, to, HistoryResolution.Raw);
        var summary = JsonSerializer.Serialize(await grain.GetSummaryAsync() ?? throw new InvalidOperationException($"{key} has no summary."));
        return (await ReadStoredAsync(storage, key), history, summary);
    }

    // The checkpoint as stored, without what differs by construction (the log sequence, which is global).
    private static async Task<string> ReadStoredAsync(Orleans.Storage.IGrainStorage storage, string key)
    {
        var state = new GrainState<AccountState>();
        await storage.ReadStateAsync(AccountGrain.StateName, GrainId.Create("account", key), state);
        var stored = state.State ?? throw new InvalidOperationException($"{key} has no stored state.");
        return $"{stored.Configured}|{Convert.ToHexString(stored.History ?? [])}|{Convert.ToHexString(stored.Detector ?? [])}|" +
               $"{stored.OpenEpisodes.Count}|{stored.Outbox.Count}|{JsonSerializer.Serialize(stored.Profile)}";
    }

    private static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    private static string Excerpt(string text, string other)
    {
        var at = Math.Max(0, FirstDifference(text, other) - 20);
        return text.Substring(at, Math.Min(80, text.Length - at));
    }

    private static async Task<int> CountActivationsAsync(IGrainFactory factory)
    {
        var statistics = await factory.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(nameof(AccountGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
