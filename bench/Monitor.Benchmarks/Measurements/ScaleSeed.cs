using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Accounts;
using Monitor.Benchmarks.Runtime;
using Monitor.Grains;
using Monitor.Grains.Accounts;
using Monitor.Grains.Observations;
using Monitor.Storage;
using Orleans.Runtime;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// <c>account-seed</c>: puts N accounts, each with a week of hourly history, into the embedded default's SQLite files as a
/// real account leaves them once deactivated: its checkpoint row (written through the silo's own grain storage, so with its
/// codec), its stall reminder row, its directory row and, with <c>--with-log</c>, its 168 observation log rows. No grain
/// runs: each account's model is built from the points in memory, as <c>AccountGrain</c> builds and checkpoints it.
/// <c>account-activation</c> then checks a sample against an account that took the same points through the grain.
/// </summary>
public static class ScaleSeed
{
    public const string ServiceId = "bench";

    /// <summary>The n-th seeded account.</summary>
    public static string Key(int index) => $"x:{1_000_000_000L + index}";

    public static string DatabasePath(string folder) => Path.Combine(folder, "monitor.db");

    public static string ManifestPath(string folder) => Path.Combine(folder, "seed.json");

    public static MonitorStorageOptions Storage(string folder) =>
        new() { Provider = StorageProvider.Sqlite, SqlitePath = DatabasePath(folder), ServiceId = ServiceId };

    public static async Task<int> RunAsync(int accounts, string folder, bool stallReminder, bool withLog, int concurrency)
    {
        if (File.Exists(DatabasePath(folder)))
        {
            Console.Error.WriteLine($"{folder} already holds a database; remove it or choose another folder.");
            return 2;
        }

        Directory.CreateDirectory(folder);
        var end = HourlyWeek.EndAt(DateTimeOffset.UtcNow);
        Console.WriteLine($"// seeding {accounts:N0} accounts x {HourlyWeek.Hours} hourly points ending {end:u} into {folder}: " +
                          $"checkpoint, directory{(stallReminder ? ", stall reminder" : "")}{(withLog ? ", observation log" : "")}");
        await using var silo = await BenchSilo.StartAsync(builder => builder.AddMonitorGrains(Storage(folder)));
        var storage = silo.Storage(StorageServiceCollectionExtensions.DefaultProviderName);
        var reminders = silo.Services.GetRequiredService<IReminderTable>();
        var directory = silo.Services.GetRequiredService<IAccountDirectory>();
        var log = silo.Services.GetRequiredService<IObservationLog>();
        var period = new AccountGrainOptions().StallCheckPeriod;
        var profile = AccountSummaries.Normalized(new AccountProfile());
        var started = Stopwatch.StartNew();
        var done = 0;
        await BoundedRuns.ForEachAsync(Enumerable.Range(0, accounts), concurrency, async index =>
        {
            // Each account's own model: its checkpoint bytes hold its key.
            var key = Key(index);
            var model = AccountModel.Create(key, profile);
            var outcome = model.Append(key, HourlyWeek.Of(key, end), DateTimeOffset.UtcNow);
            if (outcome.Added.Count != HourlyWeek.Hours || model.Observe(outcome.Added, outcome.Resolution).Count > 0)
            {
                throw new InvalidOperationException($"{key}: the week did not go in as {HourlyWeek.Hours} quiet points.");
            }

            var state = new AccountState
            {
                Configured = true,
                Profile = profile,
                History = model.SerializeHistory(),
                Detector = model.SerializeDetector(),
                OpenEpisodes = [.. model.OpenEpisodes(profile)],
                CheckpointSeq = withLog ? await log.AppendAsync(outcome.Added) : 0,
            };
            var grainId = GrainId.Create("account", key);
            var reminder = stallReminder
                ? reminders.UpsertRow(new ReminderEntry
                {
                    // Accounts registered over time: first ticks spread over one period.
                    GrainId = grainId, ReminderName = AccountGrain.StallReminderName, StartAt = DateTime.UtcNow + (period * (index % 3600 / 3600.0)), Period = period,
                })
                : Task.FromResult<string?>(null);
            await Task.WhenAll(
                storage.WriteStateAsync(AccountGrain.StateName, grainId, new GrainState<AccountState>(state)),
                reminder,
                directory.UpsertAsync(AccountSummaries.Of(model, key, state)));
            if (Interlocked.Increment(ref done) % 100_000 == 0)
            {
                Console.WriteLine($"//   {done:N0} seeded, {started.Elapsed.TotalSeconds:F0} s");
            }
        });

        var seeded = started.Elapsed;
        await File.WriteAllTextAsync(ManifestPath(folder), JsonSerializer.Serialize(new ScaleSeedManifest(accounts, end, stallReminder, withLog)));
        Console.WriteLine($"// seeded {accounts:N0} accounts in {seeded.TotalSeconds:F1} s ({accounts / seeded.TotalSeconds:N0} accounts/s)");
        return 0;
    }

    /// <summary>Bytes of the SQLite files in <paramref name="folder"/> (databases, WAL and shared memory).</summary>
    public static long BytesOnDisk(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles().Where(file => file.FullName != ManifestPath(folder)).Sum(file => file.Length);
}
