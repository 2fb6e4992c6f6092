using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Accounts;
using Monitor.Benchmarks.Runtime;
using Monitor.Grains;
using Monitor.Grains.Accounts;
using Monitor.Grains.Observations;
using Monitor.Storage;
using Monitor.Storage.Reminders;
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
        // Disposed before the reminders are written: its reminder service would load them and fire them into the seeding.
        var silo = await BenchSilo.StartAsync(builder => builder.AddMonitorGrains(Storage(folder)));
        var storage = silo.Storage(StorageServiceCollectionExtensions.DefaultProviderName);
        var directory = silo.Services.GetRequiredService<IAccountDirectory>();
        var log = silo.Services.GetRequiredService<IObservationLog>();
        var profile = AccountSummaries.Normalized(new AccountProfile());
        // Every account takes the same week, so one model built from it gives every checkpoint: the detector's state holds
        // the account's key, which is swapped in place (every seeded key has the same length). account-activation checks a
        // sample against the same accounts registered again through the grain.
        var template = AccountModel.Create(Key(0), profile);
        var outcome = template.Append(Key(0), HourlyWeek.Of(Key(0), end), DateTimeOffset.UtcNow);
        if (outcome.Added.Count != HourlyWeek.Hours || template.Observe(outcome.Added, outcome.Resolution).Count > 0)
        {
            throw new InvalidOperationException($"The week did not go in as {HourlyWeek.Hours} quiet points.");
        }

        var (history, detector, episodes) = (template.SerializeHistory(), template.SerializeDetector(), template.OpenEpisodes(profile));
        var started = Stopwatch.StartNew();
        var done = 0;
        await BoundedRuns.ForEachAsync(Enumerable.Range(0, accounts), concurrency, async index =>
        {
            var key = Key(index);
            var state = new AccountState
            {
                Configured = true,
                Profile = profile,
                History = history,
                Detector = WithKey(detector, Key(0), key),
                OpenEpisodes = [.. episodes],
                CheckpointSeq = withLog ? await log.AppendAsync([.. outcome.Added.Select(row => row with { Account = key })]) : 0,
            };
            await Task.WhenAll(
                storage.WriteStateAsync(AccountGrain.StateName, GrainId.Create("account", key), new GrainState<AccountState>(state)),
                directory.UpsertAsync(AccountSummaries.Of(template, key, state)));
            if (Interlocked.Increment(ref done) % 100_000 == 0)
            {
                Console.WriteLine($"//   {done:N0} seeded, {started.Elapsed.TotalSeconds:F0} s");
            }
        });

        await silo.DisposeAsync();
        if (stallReminder)
        {
            await SeedRemindersAsync(accounts, folder, concurrency);
        }

        var seeded = started.Elapsed;
        await File.WriteAllTextAsync(ManifestPath(folder), JsonSerializer.Serialize(new ScaleSeedManifest(accounts, end, stallReminder, withLog)));
        Console.WriteLine($"// seeded {accounts:N0} accounts in {seeded.TotalSeconds:F1} s ({accounts / seeded.TotalSeconds:N0} accounts/s)");
        return 0;
    }

    private static async Task SeedRemindersAsync(int accounts, string folder, int concurrency)
    {
        using var reminders = new SqliteReminderTable(new SqliteStorageOptions { DataSource = DatabasePath(folder), ServiceId = ServiceId });
        var period = new AccountGrainOptions().StallCheckPeriod;
        await BoundedRuns.ForEachAsync(Enumerable.Range(0, accounts), concurrency, index => reminders.UpsertRow(new ReminderEntry
        {
            // Accounts registered over time: first ticks spread over one period.
            GrainId = GrainId.Create("account", Key(index)), ReminderName = AccountGrain.StallReminderName,
            StartAt = DateTime.UtcNow + (period * (index % 3600 / 3600.0)), Period = period,
        }));
    }

    private static byte[] WithKey(byte[] state, string from, string to)
    {
        var (old, replacement) = (Encoding.UTF8.GetBytes(from), Encoding.UTF8.GetBytes(to));
        if (old.Length != replacement.Length)
        {
            throw new ArgumentException($"'{to}' is not as long as '{from}'.", nameof(to));
        }

        var copy = (byte[])state.Clone();
        for (var at = copy.AsSpan().IndexOf(old); at >= 0;)
        {
            replacement.CopyTo(copy, at);
            var next = copy.AsSpan(at + old.Length).IndexOf(old);
            at = next < 0 ? -1 : at + old.Length + next;
        }

        return copy;
    }

    /// <summary>Bytes of the SQLite files in <paramref name="folder"/> (databases, WAL and shared memory).</summary>
    public static long BytesOnDisk(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles().Where(file => file.FullName != ManifestPath(folder)).Sum(file => file.Length);
}
