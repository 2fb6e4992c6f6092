using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Silo.Cli;
using Monitor.Silo.Tests.Webhooks;
using Xunit;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>
/// Cluster mode end to end: silo child processes on loopback over one real PostgreSQL, with short heartbeat (500 ms) and
/// death (3 s) timeouts. Clients retry a 503 after its Retry-After; nothing else is allowed to fail.
/// </summary>
public sealed class ClusterProcessTests
{
    private static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Observations_posted_round_robin_to_three_silos_land_on_the_owner_and_every_silo_answers_the_same()
    {
        await using var cluster = await SiloCluster.StartAsync(3, Cancellation);
        var accounts = Enumerable.Range(0, 24).Select(_ => TestObservations.NewAccount()).ToList();
        await cluster.CreateAccountsAsync(accounts, Cancellation);
        var client = new RetryingIngestClient();
        for (var step = 0; step < 9; step++)
        {
            var silo = cluster.Silos[step % 3];
            Assert.True(await client.PostAsync(silo.Http, accounts.Select(a => TestObservations.Steady(a, step)).ToList(), RequestDeadline, Cancellation), client.LastFailure);
        }

        var owners = new Dictionary<string, string?>();
        foreach (var account in accounts)
        {
            owners[account] = await cluster.OwnerOfAsync(account, Cancellation);
            var expected = Enumerable.Range(0, 9).Select(step => TestObservations.Steady(account, step)).Select(o => (o.Timestamp, o.Followers)).ToList();
            foreach (var silo in cluster.Silos)
            {
                Assert.Equal(expected, await ReadHistoryAsync(silo, account));
            }
        }

        // Every silo owns some of the accounts and sent the others' batches on to their owners.
        Assert.Equal(["silo-1", "silo-2", "silo-3"], owners.Values.Distinct().Order());
        foreach (var silo in cluster.Silos)
        {
            Assert.True(await ForwardedCallsAsync(silo) > 0, $"{silo.SiloId} forwarded no call although it owns only some of the accounts.");
        }
    }

    [Fact]
    public async Task After_kill_9_under_ingest_the_survivors_serve_the_dead_silos_accounts_losing_no_acknowledged_observation_and_no_alert()
    {
        await using var cluster = await SiloCluster.StartAsync(3, Cancellation);
        var victim = cluster.Silos[1];
        var survivors = cluster.Silos.Where(silo => silo != victim).ToList();
        var surging = await NewAccountOwnedByAsync(cluster, victim.SiloId);
        var surge = TestObservations.Surge(surging);
        Assert.Empty((await new MonitorClient(victim.Http).PostObservationsAsync(surge, Cancellation)).Rejected);
        await WaitForAlertCountAsync(survivors[0], surging, 1);

        var accounts = Enumerable.Range(0, 30).Select(_ => TestObservations.NewAccount()).ToList();
        await cluster.CreateAccountsAsync(accounts, Cancellation);
        var moved = new HashSet<string>();
        foreach (var account in accounts)
        {
            if (await cluster.OwnerOfAsync(account, Cancellation) == victim.SiloId)
            {
                moved.Add(account);
            }
        }

        Assert.NotEmpty(moved);
        var run = new IngestRun(cluster.Silos, accounts, writers: 3);
        var killed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstMovedWrite = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        run.Acknowledged += (batch, sentAt) =>
        {
            if (killed.Task.IsCompleted && sentAt > killed.Task.Result && batch.Any(o => moved.Contains(o.Account)))
            {
                firstMovedWrite.TrySetResult(Stopwatch.GetTimestamp());
            }
        };
        run.Start();
        await run.WaitForAcknowledgedAsync(30, TimeSpan.FromSeconds(60));

        run.Avoid(victim);
        await victim.KillAsync();
        var killedAt = Stopwatch.GetTimestamp();
        killed.SetResult(killedAt);
        var failover = TimeSpan.FromTicks((long)((await firstMovedWrite.Task.WaitAsync(TimeSpan.FromSeconds(60), Cancellation) - killedAt) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));
        await run.WaitForAcknowledgedAsync(run.AcknowledgedCount + 30, TimeSpan.FromSeconds(60));
        await run.StopAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"Failover (kill -9 to first acknowledged write of a moved account): {failover.TotalMilliseconds:F0} ms; {run.Client.Retries} retried 503s.");

        // Requests in flight to the victim when it died are unacknowledged (the client saw the connection drop); every other
        // request was acknowledged, retries included.
        Assert.True(run.Client.Failures <= run.FailuresAtVictim, $"{run.Client.Failures} failed requests, {run.FailuresAtVictim} at the victim: {run.Client.LastFailure}");
        await AssertStoredAsync(survivors, run.AcknowledgedObservations());

        // A collector retries the surge after the crash: the episode still has exactly one alert, now served by a survivor.
        Assert.True(await run.Client.PostAsync(survivors[0].Http, surge, RequestDeadline, Cancellation), run.Client.LastFailure);
        Assert.Single(await AlertsOfAsync(survivors[1], surging));
    }

    [Fact]
    public async Task A_silo_frozen_past_its_lease_and_resumed_writes_nothing_stale_and_drops_its_activations()
    {
        await using var cluster = await SiloCluster.StartAsync(3, Cancellation);
        var frozen = cluster.Silos[2];
        var other = cluster.Silos[0];
        var account = await NewAccountOwnedByAsync(cluster, frozen.SiloId);
        var client = new RetryingIngestClient();
        Assert.True(await client.PostAsync(frozen.Http, [.. Enumerable.Range(0, 5).Select(s => TestObservations.Steady(account, s))], RequestDeadline, Cancellation), client.LastFailure);

        await frozen.FreezeAsync();
        try
        {
            // The others declare it dead after 3 s of silence and one of them takes the partition: the write waits for that.
            Assert.True(await client.PostAsync(other.Http, [.. Enumerable.Range(5, 5).Select(s => TestObservations.Steady(account, s))], RequestDeadline, Cancellation), client.LastFailure);
            Assert.Equal([(1L, "dead")], await cluster.MembershipOfAsync(frozen.SiloId, Cancellation));
            Assert.NotEqual(frozen.SiloId, await cluster.OwnerOfAsync(account, Cancellation));
        }
        finally
        {
            await frozen.ResumeAsync();
        }

        // Its old activation still holds points 0-4 only; had it written, points 5-9 would be gone.
        Assert.True(await client.PostAsync(frozen.Http, [.. Enumerable.Range(10, 5).Select(s => TestObservations.Steady(account, s))], RequestDeadline, Cancellation), client.LastFailure);
        var expected = Enumerable.Range(0, 15).Select(s => TestObservations.Steady(account, s)).Select(o => (o.Timestamp, o.Followers)).ToList();
        Assert.Equal(expected, await ReadHistoryAsync(other, account));
        Assert.Equal(expected, await ReadHistoryAsync(frozen, account));

        await WaitUntilAsync(async () => (await cluster.MembershipOfAsync(frozen.SiloId, Cancellation)).Any(row => row is { Generation: > 1, Status: "active" }), TimeSpan.FromSeconds(30), "the frozen silo to rejoin under a new generation");
        Assert.Contains("was declared dead: it dropped every activation", frozen.Log, StringComparison.Ordinal);
        Assert.Equal(0, client.Failures);
    }

    [Fact]
    public async Task Scaling_out_from_two_to_three_silos_and_back_under_ingest_fails_no_client_request()
    {
        await using var cluster = await SiloCluster.StartAsync(2, Cancellation);
        var accounts = Enumerable.Range(0, 30).Select(_ => TestObservations.NewAccount()).ToList();
        await cluster.CreateAccountsAsync(accounts, Cancellation);
        var run = new IngestRun(cluster.Silos.ToList(), accounts, writers: 2);
        run.Start();
        await run.WaitForAcknowledgedAsync(20, TimeSpan.FromSeconds(60));

        var third = await cluster.AddSiloAsync(Cancellation);
        await cluster.WaitAllReadyAsync(Cancellation);
        Assert.NotNull(await NewAccountOwnedByAsync(cluster, third.SiloId));
        await run.WaitForAcknowledgedAsync(run.AcknowledgedCount + 20, TimeSpan.FromSeconds(60));

        // Clients only talk to the two silos that stay (a load balancer drains the third before it stops).
        await third.StopAsync(TimeSpan.FromSeconds(30));
        await cluster.WaitAllReadyAsync(Cancellation);
        Assert.Equal("dead", (await cluster.MembershipOfAsync(third.SiloId, Cancellation)).Single().Status);
        await run.WaitForAcknowledgedAsync(run.AcknowledgedCount + 20, TimeSpan.FromSeconds(60));
        await run.StopAsync();

        TestContext.Current.TestOutputHelper?.WriteLine($"{run.AcknowledgedCount} batches acknowledged, {run.Client.Retries} retried 503s.");
        Assert.True(run.Client.Failures == 0, run.Client.LastFailure);
        await AssertStoredAsync(cluster.Silos.Take(2).ToList(), run.AcknowledgedObservations());
    }

    [Fact]
    public async Task An_alert_raised_on_any_silo_appears_exactly_once_on_every_silos_stream_and_once_at_a_webhook_receiver()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();
        await using var cluster = await SiloCluster.StartAsync(3, receiver.Url, WebhookReceiverServer.Secret, Cancellation);
        var streams = new List<ClusterAlertStream>();
        try
        {
            foreach (var silo in cluster.Silos)
            {
                streams.Add(await ClusterAlertStream.OpenAsync(silo.Address, Cancellation));
            }

            // One surging account per silo, each posted to the silo that owns it, so every alert is raised on a different silo.
            var surging = new List<string>();
            foreach (var silo in cluster.Silos)
            {
                var account = await NewAccountOwnedByAsync(cluster, silo.SiloId);
                surging.Add(account);
                Assert.Empty((await new MonitorClient(silo.Http).PostObservationsAsync(TestObservations.Surge(account), Cancellation)).Rejected);
            }

            foreach (var stream in streams)
            {
                foreach (var account in surging)
                {
                    await stream.WaitForAsync(change => change.Alert.Account == account, AlertTimeout);
                }
            }

            // A last alert after them all: whatever was going to be delivered twice would have arrived before it.
            var marker = await NewAccountOwnedByAsync(cluster, cluster.Silos[0].SiloId);
            Assert.Empty((await new MonitorClient(cluster.Silos[0].Http).PostObservationsAsync(TestObservations.Surge(marker), Cancellation)).Rejected);
            foreach (var stream in streams)
            {
                await stream.WaitForAsync(change => change.Alert.Account == marker, AlertTimeout);
            }

            // The streams opened before the first alert: each got the hub's change log from sequence 1, every change once,
            // in order, and the same changes under the same sequences.
            var first = streams[0].Received.Select(change => (change.Sequence, change.Change, change.Alert.Id)).ToList();
            foreach (var stream in streams)
            {
                var received = stream.Received.Select(change => (change.Sequence, change.Change, change.Alert.Id)).ToList();
                Assert.Equal(Enumerable.Range(1, received.Count).Select(sequence => (long)sequence), received.Select(change => change.Sequence));
                var common = Math.Min(first.Count, received.Count);
                Assert.Equal(first.Take(common), received.Take(common));
            }

            // Every silo runs a webhook worker over the same outbox: the receiver still gets each message once (one
            // delivery id per request, all signed), each alert change in one message only, and all four accounts' alerts.
            var surgingAlerts = surging.Append(marker).ToHashSet(StringComparer.Ordinal);
            var hooks = await receiver.WaitUntilAsync(
                requests => surgingAlerts.IsSubsetOf(requests.SelectMany(AccountsIn)),
                AlertTimeout,
                "a message for each surging account");
            Assert.All(hooks, hook => Assert.True(hook.SignatureValid && hook.Accepted, $"delivery {hook.DeliveryId} was not signed with the receiver's secret"));
            Assert.Equal(hooks.Count, hooks.Select(hook => hook.DeliveryId).Distinct().Count());
            var deliveredChanges = hooks.SelectMany(hook => hook.Json.GetProperty("alerts").EnumerateArray().Select(alert => alert.GetProperty("sequence").GetInt64())).ToList();
            Assert.Equal(deliveredChanges.Count, deliveredChanges.Distinct().Count());
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Reminders_are_scheduled_only_on_the_silo_that_holds_the_grains_partition_and_move_with_it()
    {
        await using var cluster = await SiloCluster.StartAsync(3, Cancellation);

        // Every configured account registers a stall reminder, from the silo its grain lives on.
        await cluster.CreateAccountsAsync(Enumerable.Range(0, 24).Select(_ => TestObservations.NewAccount()), Cancellation);
        await WaitForRemindersOnOwnersAsync(cluster, cluster.Silos, minimum: 24);

        var victim = cluster.Silos[0];
        await victim.KillAsync();
        var survivors = cluster.Silos.Skip(1).ToList();
        await WaitUntilAsync(async () => (await cluster.MembershipOfAsync(victim.SiloId, Cancellation)).All(row => row.Status == "dead"), TimeSpan.FromSeconds(30), $"{victim.SiloId} to be declared dead");
        await cluster.WaitAllReadyAsync(Cancellation);
        await WaitForRemindersOnOwnersAsync(cluster, survivors, minimum: 24);
    }

    // Each silo schedules exactly the reminders of the partitions it holds, and together they schedule every reminder.
    private static async Task WaitForRemindersOnOwnersAsync(SiloCluster cluster, IReadOnlyList<ClusterSiloProcess> silos, int minimum)
    {
        var last = "";
        await WaitUntilAsync(async () =>
        {
            var expected = await cluster.RemindersByOwnerAsync(Cancellation);
            var scheduled = new Dictionary<string, long>();
            foreach (var silo in silos)
            {
                scheduled[silo.SiloId] = await GaugeAsync(silo, "monitor_runtime_reminders_scheduled");
            }

            last = $"expected {string.Join(", ", expected.Select(e => $"{e.Key}={e.Value}"))}; scheduled {string.Join(", ", scheduled.Select(e => $"{e.Key}={e.Value}"))}";
            return expected.Values.Sum() >= minimum && !expected.ContainsKey("")
                && expected.Count == silos.Count && silos.All(silo => scheduled[silo.SiloId] == expected.GetValueOrDefault(silo.SiloId));
        }, TimeSpan.FromSeconds(30), "reminders to be scheduled on their owners");
        TestContext.Current.TestOutputHelper?.WriteLine(last);
    }

    private static async Task<long> GaugeAsync(ClusterSiloProcess silo, string name)
    {
        var metrics = await silo.Http.GetStringAsync("metrics", Cancellation);
        var line = metrics.Split('\n').FirstOrDefault(line => line.StartsWith(name + " ", StringComparison.Ordinal) || line.StartsWith(name + "{", StringComparison.Ordinal));
        return line is null ? 0 : (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<(DateTimeOffset, long)>> ReadHistoryAsync(ClusterSiloProcess silo, string account)
    {
        var points = await silo.Http.GetFromJsonAsync<List<HistoryPoint>>($"api/accounts/{Uri.EscapeDataString(account)}/history?resolution=raw", MonitorClient.JsonOptions, Cancellation);
        return points!.Select(point => (point.Timestamp, point.Followers)).ToList();
    }

    private static async Task AssertStoredAsync(IReadOnlyList<ClusterSiloProcess> silos, IReadOnlyList<ObservationInput> acknowledged)
    {
        var i = 0;
        foreach (var byAccount in acknowledged.GroupBy(observation => observation.Account))
        {
            var stored = (await ReadHistoryAsync(silos[i++ % silos.Count], byAccount.Key)).ToHashSet();
            var lost = byAccount.Where(o => !stored.Contains((o.Timestamp, o.Followers))).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {byAccount.Count()} acknowledged observations of {byAccount.Key} are missing, first {lost.FirstOrDefault()}.");
        }
    }

    private static IEnumerable<string> AccountsIn(ReceivedWebhook hook) =>
        hook.Json.GetProperty("alerts").EnumerateArray().Select(alert => alert.GetProperty("alert").GetProperty("account").GetString()!);

    private static async Task<List<AlertView>> AlertsOfAsync(ClusterSiloProcess silo, string account) =>
        (await new MonitorClient(silo.Http).QueryAlertsAsync($"account={Uri.EscapeDataString(account)}&limit=100", Cancellation)).Items.ToList();

    private static Task WaitForAlertCountAsync(ClusterSiloProcess silo, string account, int count) =>
        WaitUntilAsync(async () => (await AlertsOfAsync(silo, account)).Count == count, AlertTimeout, $"{count} alert(s) of {account}");

    // A fresh, configured account whose partition the silo holds now.
    private static async Task<string> NewAccountOwnedByAsync(SiloCluster cluster, string siloId)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var account = TestObservations.NewAccount();
            if (await cluster.OwnerOfAsync(account, Cancellation) == siloId)
            {
                await cluster.CreateAccountsAsync([account], Cancellation);
                return account;
            }
        }

        throw new InvalidOperationException($"No account key of 500 falls into a partition of {siloId}.");
    }

    private static async Task<long> ForwardedCallsAsync(ClusterSiloProcess silo)
    {
        var metrics = await silo.Http.GetStringAsync("metrics", Cancellation);
        return metrics.Split('\n')
            .Where(line => line.StartsWith("monitor_runtime_calls_forwarded", StringComparison.Ordinal) && line.Contains("outcome=\"ok\"", StringComparison.Ordinal))
            .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                Assert.Fail($"Timed out after {timeout} waiting for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Cancellation);
        }
    }
}
