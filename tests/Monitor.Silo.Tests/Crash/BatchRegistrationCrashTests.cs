using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Monitor.Abstractions.Accounts;
using Monitor.Client;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Testing;
using Xunit;

namespace Monitor.Silo.Tests.Crash;

/// <summary>Kill -9 while batch registrations are in flight: every account a batch reported created is there after a restart.</summary>
public sealed class BatchRegistrationCrashTests : IDisposable
{
    private const int PerBatch = 200;

    // Acknowledged batches to wait for before killing.
    private const int AcknowledgedBeforeKill = 5;

    private readonly TemporaryDirectory _directory = new("monitor-batch-crash-tests-");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_account_reported_created_survives_kill_9_with_its_profile_listing_and_stall_reminder()
    {
        var database = _directory.File("batch-crash.db");
        var group = TestAccounts.NewGroup();
        var created = new ConcurrentBag<string>();
        var first = await SiloProcess.StartAsync(database, Cancellation);
        try
        {
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var killing = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                var client = new MonitorClient(first.Http);
                try
                {
                    while (!killing.IsCancellationRequested)
                    {
                        var batch = Enumerable.Range(0, PerBatch).Select(_ => new CreateAccountRequest(TestAccounts.NewKey(), new AccountProfile(Groups: [group]))).ToList();
                        var result = await client.RegisterAccountsAsync(batch, PerBatch, CancellationToken.None);
                        foreach (var item in result.Items.Where(item => item.Status == AccountBatchStatuses.Created))
                        {
                            created.Add(item.Key!);
                        }

                        if (created.Count >= AcknowledgedBeforeKill * PerBatch)
                        {
                            enough.TrySetResult();
                        }
                    }
                }
                catch (HttpRequestException) when (killing.IsCancellationRequested)
                {
                    // The silo was killed under this batch: its outcome is unknown, and none of it was counted.
                }
            })).ToArray();
            await enough.Task.WaitAsync(TimeSpan.FromMinutes(3), Cancellation);
            await killing.CancelAsync();
            await first.KillAsync();
            await Task.WhenAll(writers);
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.True(created.Count >= AcknowledgedBeforeKill * PerBatch);
        var reminders = ReminderKeys(database);
        var missingReminders = created.Where(key => !reminders.Contains(key)).ToList();
        Assert.True(missingReminders.Count == 0, $"{missingReminders.Count} of {created.Count} accounts reported created have no stall reminder, first {missingReminders.FirstOrDefault()}.");

        await using var second = await SiloProcess.StartAsync(database, Cancellation);
        var client = new MonitorClient(second.Http);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        for (var offset = 0; ; offset += 1000)
        {
            var page = await client.ListAccountsAsync(new AccountListQuery(Group: group, Offset: offset, Limit: 1000), Cancellation);
            listed.UnionWith(page.Items.Select(summary => summary.Account));
            if (page.Items.Count < 1000)
            {
                break;
            }
        }

        var unlisted = created.Where(key => !listed.Contains(key)).ToList();
        Assert.True(unlisted.Count == 0, $"{unlisted.Count} of {created.Count} accounts reported created are not listed after kill -9, first {unlisted.FirstOrDefault()}.");
        foreach (var key in created.Take(50))
        {
            var summary = await client.FindAccountAsync(key, Cancellation);
            Assert.Equal([group], summary?.Profile.Groups);
        }
    }

    public void Dispose() => _directory.Dispose();

    // Read straight from the file the killed silo left (the reminder table is not served over HTTP).
    private static HashSet<string> ReminderKeys(string database)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_key FROM reminders WHERE reminder_name = 'stall'";
        using var reader = command.ExecuteReader();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
