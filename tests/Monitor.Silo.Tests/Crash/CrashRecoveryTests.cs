using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Client;
using Monitor.Silo.Tests.Builders;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Crash;

/// <summary>Kill -9 in the middle of ingest: what was acknowledged is durable, and restarting creates no duplicate alerts.</summary>
public sealed class CrashRecoveryTests : IDisposable
{
    // Concurrent clients posting while the silo is killed; each writes two accounts of its own.
    private const int Writers = 4;

    // Acknowledged batches to wait for before killing.
    private const int AcknowledgedBeforeKill = 12;

    // Points per account in one batch, ten minutes apart (all stay in the raw tier, which keeps the last 7 days).
    private const int PointsPerAccount = 20;

    private readonly TemporaryDirectory _directory = new("monitor-crash-tests-");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_acknowledged_observation_survives_kill_9_and_no_episode_gets_two_alerts()
    {
        var database = _directory.File("crash.db");
        var surging = TestAccounts.NewKey();
        var accounts = Enumerable.Range(0, Writers * 2).Select(_ => TestAccounts.NewKey()).ToList();
        var surgeHistory = SurgeScenario.For(surging);
        var acknowledged = new ConcurrentBag<IReadOnlyList<ObservationInput>>();
        var unexpected = new ConcurrentBag<string>();

        var first = await SiloProcess.StartAsync(database, Cancellation);
        try
        {
            var client = new MonitorClient(first.Http);
            foreach (var account in accounts.Append(surging))
            {
                await client.PutAccountAsync(account, new AccountProfile(Groups: ["crash-test"]), Cancellation);
            }

            // An alert exists before the crash, so "no episode has two alerts" is checked on a real episode.
            Assert.Empty((await client.PostObservationsAsync(surgeHistory, Cancellation)).Rejected);
            await WaitForAlertAsync(client, surging);

            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var killing = new CancellationTokenSource();
            var writers = Enumerable.Range(0, Writers)
                .Select(w => Task.Run(() => WriteUntilGoneAsync(first.Http, accounts[2 * w], accounts[(2 * w) + 1], acknowledged, unexpected, enough, killing.Token)))
                .ToArray();
            await enough.Task.WaitAsync(TimeSpan.FromMinutes(2), Cancellation);
            await killing.CancelAsync();
            await first.KillAsync();
            await Task.WhenAll(writers);
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.Empty(unexpected);
        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill);
        await using var second = await SiloProcess.StartAsync(database, Cancellation);
        foreach (var account in accounts)
        {
            var stored = (await second.Http.GetFromJsonAsync<List<HistoryPoint>>($"api/accounts/{account}/history?resolution=raw", MonitorClient.JsonOptions, Cancellation))!
                .Select(point => (point.Timestamp, point.Followers))
                .ToHashSet();
            var acked = acknowledged.SelectMany(batch => batch).Where(o => o.Account == account).Select(o => (o.Timestamp, o.Followers)).ToList();
            var lost = acked.Where(point => !stored.Contains(point)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {acked.Count} acknowledged observations of {account} are missing after kill -9, first {lost.FirstOrDefault()}.");
        }

        // A collector retries after a crash: nothing is stored twice (recent points are duplicates, points older than the
        // out-of-order window are refused), and the episode still has exactly one alert.
        var retry = await new MonitorClient(second.Http).PostObservationsAsync(surgeHistory, Cancellation);
        Assert.Equal(0, retry.Accepted);
        Assert.Equal(surgeHistory.Count, retry.Duplicates + retry.Rejected.Count);
        var alerts = (await second.Http.GetFromJsonAsync<AlertPage>("api/alerts?limit=1000", MonitorClient.JsonOptions, Cancellation))!.Items;
        Assert.Single(alerts, alert => alert.Account == surging && alert.Kind == "surge");
        Assert.Equal(alerts.Count, alerts.Select(alert => alert.Id).Distinct().Count());
        Assert.Equal(alerts.Count, alerts.Select(alert => (alert.Account, alert.Kind, alert.Start)).Distinct().Count());
    }

    /// <summary>Posts consecutive batches for two accounts until the silo disappears; records each batch answered 200.</summary>
    private static async Task WriteUntilGoneAsync(
        HttpClient http,
        string firstAccount,
        string secondAccount,
        ConcurrentBag<IReadOnlyList<ObservationInput>> acknowledged,
        ConcurrentBag<string> unexpected,
        TaskCompletionSource enough,
        CancellationToken killing)
    {
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(-3).Date, TimeSpan.Zero);
        for (var batchNumber = 0; ; batchNumber++)
        {
            var batch = new[] { firstAccount, secondAccount }
                .SelectMany(account => Enumerable.Range(batchNumber * PointsPerAccount, PointsPerAccount)
                    .Select(step => new ObservationInput(account, start.AddMinutes(10 * step), 1_000_000 + (7L * step), null, null, "crash-test")))
                .ToList();
            try
            {
                using var response = await http.PostAsJsonAsync("api/observations", batch, MonitorClient.JsonOptions, CancellationToken.None);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    unexpected.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                    return;
                }

                var result = (await response.Content.ReadFromJsonAsync<RecordResult>(MonitorClient.JsonOptions, CancellationToken.None))!;
                if (result.Accepted != batch.Count)
                {
                    unexpected.Add($"accepted {result.Accepted} of {batch.Count}: {string.Join("; ", result.Rejected.Select(r => r.Reason))}");
                    return;
                }

                acknowledged.Add(batch);
                if (acknowledged.Count >= AcknowledgedBeforeKill)
                {
                    enough.TrySetResult();
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or System.Text.Json.JsonException)
            {
                // After the kill began, the request was in flight when the silo died: it was never acknowledged. Before, the
                // writer failed on a live silo, which the test must report rather than end quietly.
                if (!killing.IsCancellationRequested)
                {
                    unexpected.Add($"writer failed before the kill: {ex.GetType().Name}: {ex.Message}");
                }

                return;
            }
        }
    }

    private static async Task WaitForAlertAsync(MonitorClient client, string account)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        await foreach (var change in client.FollowAlertsAsync(0, deadline.Token))
        {
            if (change.Alert.Account == account)
            {
                return;
            }
        }
    }

    public void Dispose() => _directory.Dispose();
}
