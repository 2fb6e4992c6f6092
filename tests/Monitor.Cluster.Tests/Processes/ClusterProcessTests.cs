using System.Diagnostics;
using System.Globalization;
using Monitor.Abstractions.Accounts;
using Monitor.Cluster.Tests.Infrastructure;
using Monitor.Client;
using Monitor.Silo.Tests.Webhooks;
using Orleans.Runtime;
using Xunit;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>
/// Cluster mode end to end: silo child processes on loopback forming one Orleans cluster over a real PostgreSQL, with the
/// silo's own fast-failover membership settings. Clients retry a 503 after its Retry-After; nothing else may fail.
/// </summary>
public sealed class ClusterProcessTests
{
    private const int TestTimeout = 180_000;
    private static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan AlertTimeout = TimeSpan.FromSeconds(30);

    // Membership: a silo missing two 1 s probes is declared dead by one voter; other silos learn it within a table refresh.
    private static readonly TimeSpan DeathDeclarationTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static ITestOutputHelper? Output => TestContext.Current.TestOutputHelper;

    [Fact(Timeout = TestTimeout)]
    public async Task Observations_posted_round_robin_to_three_silos_are_all_stored_and_every_silo_answers_the_same()
    {
        await using var cluster = await SiloCluster.StartAsync(3, Cancellation);
        var membership = await cluster.MembershipAsync(Cancellation);
        Assert.Equal(cluster.Silos.Select(silo => silo.SiloPort).Order(), membership.Where(row => row.Status == SiloStatus.Active).Select(row => row.Port).Order());

        var accounts = Enumerable.Range(0, 24).Select(_ => TestObservations.NewAccount()).ToList();
        await cluster.CreateAccountsAsync(accounts, Cancellation);
        var client = new RetryingIngestClient();
        for (var step = 0; step < 9; step++)
        {
            var silo = cluster.Silos[step % 3];
            Assert.True(await client.PostAsync(silo.Http, accounts.Select(a => TestObservations.Steady(a, step)).ToList(), RequestDeadline, Cancellation), client.LastFailure);
        }

        foreach (var account in accounts)
        {
            var expected = Enumerable.Range(0, 9).Select(step => TestObservations.Steady(account, step)).Select(o => (o.Timestamp, o.Followers)).ToList();
            var summaries = new List<string>();
            foreach (var silo in cluster.Silos)
            {
                Assert.Equal(expected, await ClusterApi.ReadHistoryAsync(silo, account));
                summaries.Add(await ClusterApi.ReadSummaryAsync(silo, account));
            }

            Assert.All(summaries, summary => Assert.Equal(summaries[0], summary));
        }

        Assert.Equal(0, client.Retries);
    }

    [Fact(Timeout = TestTimeout)]
    public async Task After_kill_9_under_ingest_the_survivors_serve_the_dead_silos_accounts_losing_no_acknowledged_observation_and_no_alert()
    {
        await using var cluster = await SiloCluster.StartAsync(3, Cancellation);
        var surging = TestObservations.NewAccount();
        var accounts = Enumerable.Range(0, 30).Select(_ => TestObservations.NewAccount()).ToList();
        await cluster.CreateAccountsAsync([surging, .. accounts], Cancellation);

        // An alert before the crash; a collector will post the same surge again after it.
        var surge = TestObservations.Surge(surging);
        Assert.Empty((await new MonitorClient(cluster.Silos[0].Http).PostObservationsAsync(surge, Cancellation)).Rejected);
        await ClusterApi.WaitForAlertCountAsync(cluster.Silos[1], surging, 1, AlertTimeout);

        var run = new IngestRun(cluster.Silos, accounts, writers: 3);
        run.Start();
        await run.WaitForAcknowledgedAsync(30, TimeSpan.FromSeconds(60));

        // The victim is the silo with the most account activations (Orleans placed them; the dashboard counts them).
        var activations = await cluster.WaitForAccountActivationsAsync(accounts.Count + 1, Cancellation);
        var victim = activations.MaxBy(entry => entry.Value).Key;
        var survivors = cluster.Silos.Where(silo => silo != victim).ToList();
        Output?.WriteLine($"Account activations before the kill: {Describe(activations)}; killing {victim.Name}.");
        run.Avoid(victim);
        await victim.KillAsync();
        var killedAt = Stopwatch.GetTimestamp();

        // Which grain lived where is not visible from outside: the cluster has failed over once every account took a write
        // sent after the kill. Orleans' death declaration is watched meanwhile.
        var dead = cluster.WaitForStatusAsync(victim, SiloStatus.Dead, DeathDeclarationTimeout, Cancellation);
        var failover = await run.WaitUntilEveryAccountWrittenSinceAsync(killedAt, TimeSpan.FromSeconds(60));
        var declaredDead = Stopwatch.GetElapsedTime(killedAt, await dead);
        var membership = await cluster.MembershipAsync(Cancellation);
        Assert.Equal(survivors.Select(silo => silo.SiloPort).Order(), membership.Where(row => row.Status == SiloStatus.Active).Select(row => row.Port).Order());
        await run.WaitForAcknowledgedAsync(run.AcknowledgedCount + 30, TimeSpan.FromSeconds(60));
        await run.StopAsync();
        Output?.WriteLine(
            $"kill -9 failover: every account written again {failover.TotalMilliseconds:F0} ms after the kill; victim seen Dead in the membership table after {declaredDead.TotalMilliseconds:F0} ms (polled); " +
            $"{run.AcknowledgedCount} batches acknowledged, {run.Client.Retries} retried 503s, {run.Client.Failures} failed requests ({run.FailuresAtAvoided} in flight at the victim).");
        Assert.True(failover < TimeSpan.FromSeconds(45), $"Failover took {failover}.");

        // Requests in flight to the victim when it died are unacknowledged (the client saw the connection drop); every
        // other request was acknowledged, retries included.
        Assert.True(run.Client.Failures <= run.FailuresAtAvoided, $"{run.Client.Failures} failed requests, {run.FailuresAtAvoided} at the victim: {string.Join(" | ", run.Client.FailureLog)}");
        await ClusterApi.AssertStoredAsync(survivors, run.AcknowledgedObservations());
        Assert.All(survivors, silo => Assert.False(silo.HasExited, $"{silo.Name} exited:\n{silo.Log}"));

        // A collector retries the surge after the crash: the episode still has exactly one alert, now served by a survivor.
        Assert.True(await run.Client.PostAsync(survivors[0].Http, surge, RequestDeadline, Cancellation), run.Client.LastFailure);
        Assert.Single(await ClusterApi.AlertsOfAsync(survivors[1], surging));
    }

    // checkpointEveryBatches 1: every batch checkpoints, so a stale activation on the resumed silo tries to write its state
    // on its first batch and meets a newer ETag. null: the silo's default (about every 64 batches), so a stale activation
    // takes a few batches without writing its state at all.
    [Theory(Timeout = TestTimeout)]
    [InlineData(1)]
    [InlineData(null)]
    public async Task A_silo_frozen_past_its_death_declaration_and_resumed_loses_no_acknowledged_observation_and_no_stale_checkpoint_wins(int? checkpointEveryBatches)
    {
        await using var cluster = await SiloCluster.StartAsync(
            3,
            settings => checkpointEveryBatches is { } every
                ? settings with { Extra = new Dictionary<string, string> { ["Monitor__Accounts__CheckpointEveryBatches"] = every.ToString(CultureInfo.InvariantCulture) } }
                : settings,
            Cancellation);
        var surging = TestObservations.NewAccount();
        var accounts = Enumerable.Range(0, 12).Select(_ => TestObservations.NewAccount()).ToList();
        await cluster.CreateAccountsAsync([surging, .. accounts], Cancellation);

        // The silo to freeze is the one with the most account activations (Orleans placed them; the dashboard counts them).
        var activations = await cluster.WaitForAccountActivationsAsync(accounts.Count + 1, Cancellation);
        var frozen = activations.MaxBy(entry => entry.Value).Key;
        var others = cluster.Silos.Where(silo => silo != frozen).ToList();
        Output?.WriteLine($"Account activations before the freeze: {Describe(activations)}; freezing {frozen.Name}.");

        // Through the silo about to freeze: activations of these accounts (several of them on it) hold points 0-2 and the alert.
        var client = new RetryingIngestClient();
        var surge = TestObservations.Surge(surging);
        Assert.True(await client.PostAsync(frozen.Http, surge, RequestDeadline, Cancellation), client.LastFailure);
        await ClusterApi.WaitForAlertCountAsync(others[0], surging, 1, AlertTimeout);
        var early = new List<ObservationInput>();
        for (var step = 0; step < 3; step++)
        {
            var batch = accounts.Select(account => TestObservations.Steady(account, step)).ToList();
            Assert.True(await client.PostAsync(frozen.Http, batch, RequestDeadline, Cancellation), client.LastFailure);
            early.AddRange(batch);
        }

        var run = new IngestRun(others, accounts, writers: 2, firstStep: 3);
        run.Start();
        await run.WaitForAcknowledgedAsync(4, TimeSpan.FromSeconds(60));

        await frozen.FreezeAsync();
        var frozenAt = Stopwatch.GetTimestamp();
        var queuedBatches = Enumerable.Range(1, 6).Select(step => accounts.Select(account => TestObservations.Between(account, step)).ToList()).ToList();
        Task<bool[]> queued;
        try
        {
            // Writes that reach the frozen silo's sockets now are served when it resumes, by whatever activations it still
            // holds; six connections, so some of them may be read before the silo learns it was declared dead.
            queued = Task.WhenAll(queuedBatches.Select(batch => client.PostAsync(frozen.Http, batch, TimeSpan.FromSeconds(60), Cancellation)));
            var dead = cluster.WaitForStatusAsync(frozen, SiloStatus.Dead, DeathDeclarationTimeout, Cancellation);
            var failover = await run.WaitUntilEveryAccountWrittenSinceAsync(frozenAt, TimeSpan.FromSeconds(60));
            var declaredDead = Stopwatch.GetElapsedTime(frozenAt, await dead);
            Output?.WriteLine($"SIGSTOP failover: every account written again {failover.TotalMilliseconds:F0} ms after the freeze; frozen silo seen Dead after {declaredDead.TotalMilliseconds:F0} ms (polled).");
            Assert.True(failover < TimeSpan.FromSeconds(45), $"Failover took {failover}.");
            await run.WaitForAcknowledgedAsync(run.AcknowledgedCount + 4, TimeSpan.FromSeconds(60));
        }
        finally
        {
            await frozen.ResumeAsync();
        }

        // Declared dead, the resumed silo must not rejoin as the same incarnation: Orleans makes it stop.
        var queuedAcknowledged = queuedBatches.Zip(await queued).Where(pair => pair.Second).Select(pair => pair.First).ToList();
        var exited = await frozen.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var rows = await cluster.MembershipOfAsync(frozen, Cancellation);
        Output?.WriteLine($"Resumed silo: {(exited ? $"exited with code {frozen.ExitCode}" : "still running")}; its membership rows: {string.Join(", ", rows)}; " +
            $"{queuedAcknowledged.Count} of the {queuedBatches.Count} writes queued to it while frozen were acknowledged; " +
            $"its state writes refused for a stale ETag: {frozen.Log.Split('\n').Count(line => line.Contains("ETag conflict", StringComparison.Ordinal))}.");
        Assert.True(exited || !(await frozen.IsReadyAsync(Cancellation)).Ready, $"The resumed silo still answers ready although it was declared dead:\n{frozen.Log}");
        Assert.All(rows, row => Assert.Equal(SiloStatus.Dead, row.Status));

        // What the resumed silo acknowledged, the cluster that carried on must serve.
        var missing = new List<ObservationInput>();
        foreach (var observation in queuedAcknowledged.SelectMany(batch => batch))
        {
            if (!(await ClusterApi.ReadHistoryAsync(others[0], observation.Account)).Contains((observation.Timestamp, observation.Followers)))
            {
                missing.Add(observation);
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} observations the frozen silo acknowledged after it resumed are missing from the histories the other silos serve, of accounts {string.Join(", ", missing.Select(o => o.Account).Distinct())}.");

        await run.WaitForAcknowledgedAsync(run.AcknowledgedCount + 4, TimeSpan.FromSeconds(60));
        await run.StopAsync();
        var acknowledged = early.Concat(run.AcknowledgedObservations()).Concat(queuedAcknowledged.SelectMany(batch => batch)).ToList();
        Output?.WriteLine($"{run.AcknowledgedCount} batches acknowledged through the other silos, {run.Client.Retries} retried 503s, {run.Client.Failures} failed.");
        Assert.True(run.Client.Failures == 0, string.Join(" | ", run.Client.FailureLog));
        await ClusterApi.AssertStoredAsync(others, acknowledged);

        // What the activations hold in memory is one thing; what a new activation restores (checkpoint, then the log after
        // it) is what a stale checkpoint would spoil. Kill every silo and read it all back through a fresh one.
        foreach (var silo in others)
        {
            await silo.KillAsync();
        }

        var fresh = await cluster.AddSiloAsync(Cancellation);
        await ClusterApi.AssertStoredAsync([fresh], acknowledged);
        Assert.Single(await ClusterApi.AlertsOfAsync(fresh, surging));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task Scaling_out_from_two_to_three_silos_and_back_under_ingest_fails_no_client_request()
    {
        await using var cluster = await SiloCluster.StartAsync(2, Cancellation);
        var accounts = Enumerable.Range(0, 30).Select(_ => TestObservations.NewAccount()).ToList();
        await cluster.CreateAccountsAsync(accounts, Cancellation);
        var run = new IngestRun(cluster.Silos, accounts, writers: 2);
        run.Start();
        await run.WaitForAcknowledgedAsync(20, TimeSpan.FromSeconds(60));

        var third = await cluster.AddSiloAsync(Cancellation);
        Assert.Equal(3, (await cluster.MembershipAsync(Cancellation)).Count(row => row.Status == SiloStatus.Active));
        run.AddTarget(third);
        await Poll.UntilAsync(() => Task.FromResult(run.Acknowledged.Count(batch => batch.Silo == third.Name) >= 10), TimeSpan.FromSeconds(60), $"10 batches acknowledged by {third.Name}");

        // A load balancer drains the third before it stops; its activations move back to the two that stay.
        run.Avoid(third);
        await run.WaitUntilIdleAsync(third, TimeSpan.FromSeconds(30));
        var stopping = Stopwatch.GetTimestamp();
        await third.StopAsync(TimeSpan.FromSeconds(30));
        Output?.WriteLine($"{third.Name} stopped gracefully in {Stopwatch.GetElapsedTime(stopping).TotalMilliseconds:F0} ms.");
        Assert.Equal(SiloStatus.Dead, (await cluster.MembershipOfAsync(third, Cancellation)).Single().Status);
        await run.WaitUntilEveryAccountWrittenSinceAsync(Stopwatch.GetTimestamp(), TimeSpan.FromSeconds(60));
        await run.StopAsync();

        Output?.WriteLine($"{run.AcknowledgedCount} batches acknowledged, {run.Client.Retries} retried 503s.");
        Assert.True(run.Client.Failures == 0, string.Join(" | ", run.Client.FailureLog));
        await ClusterApi.AssertStoredAsync(cluster.Running, run.AcknowledgedObservations());
    }

    [Fact(Timeout = TestTimeout)]
    public async Task A_stream_resumes_with_Last_Event_ID_on_another_silo_from_the_sequence_the_database_holds()
    {
        await using var cluster = await SiloCluster.StartAsync(2, settings => settings, Cancellation);
        var first = TestObservations.NewAccount();
        var missed = TestObservations.NewAccount();
        await cluster.CreateAccountsAsync([first, missed], Cancellation);

        long lastSeen;
        await using (var stream = await ClusterAlertStream.OpenAsync(cluster.Silos[0].Address, Cancellation))
        {
            Assert.Empty((await new MonitorClient(cluster.Silos[0].Http).PostObservationsAsync(TestObservations.Surge(first), Cancellation)).Rejected);
            lastSeen = (await stream.WaitForAsync(change => change.Alert.Account == first, AlertTimeout)).Sequence;
        }

        // Raised while no stream was open; the resuming client then connects to the other silo.
        Assert.Empty((await new MonitorClient(cluster.Silos[0].Http).PostObservationsAsync(TestObservations.Surge(missed), Cancellation)).Rejected);
        await using var resumed = await ClusterAlertStream.OpenAsync(cluster.Silos[1].Address, Cancellation, lastSeen);
        await resumed.WaitForAsync(change => change.Alert.Account == missed && change.Change == "opened", AlertTimeout);

        Assert.Equal(Enumerable.Range((int)lastSeen + 1, resumed.Received.Count).Select(sequence => (long)sequence), resumed.Received.Select(change => change.Sequence));
    }

    [Fact(Timeout = TestTimeout)]
    public async Task An_alert_raised_through_any_silo_appears_exactly_once_on_every_silos_stream_and_once_at_a_webhook_receiver()
    {
        await using var receiver = await WebhookReceiverServer.StartAsync();
        await using var cluster = await SiloCluster.StartAsync(3, settings => settings with { WebhookUrl = receiver.Url, WebhookSecret = WebhookReceiverServer.Secret }, Cancellation);
        var streams = new List<ClusterAlertStream>();
        try
        {
            foreach (var silo in cluster.Silos)
            {
                streams.Add(await ClusterAlertStream.OpenAsync(silo.Address, Cancellation));
            }

            // One surging account per silo, each posted through a different silo.
            var surging = new List<string>();
            foreach (var silo in cluster.Silos)
            {
                var account = TestObservations.NewAccount();
                await cluster.CreateAccountsAsync([account], Cancellation);
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
            var marker = TestObservations.NewAccount();
            await cluster.CreateAccountsAsync([marker], Cancellation);
            Assert.Empty((await new MonitorClient(cluster.Silos[2].Http).PostObservationsAsync(TestObservations.Surge(marker), Cancellation)).Rejected);
            foreach (var stream in streams)
            {
                await stream.WaitForAsync(change => change.Alert.Account == marker, AlertTimeout);
            }

            // When each silo's alert relay started listening, and from which sequence (it retries until the silo is active).
            foreach (var silo in cluster.Silos)
            {
                Output?.WriteLine($"{silo.Name}: {string.Join(" | ", silo.Log.Split('\n').Where(line => line.Contains("Alert relay", StringComparison.Ordinal)).Select(line => line.Trim()))}");
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

                // One alert per surging account, opened once and resolved at most once (a surge already over when posted still
                // starts with 'opened'); the hub may update it later, when a later alert joins it in an incident.
                var alerts = stream.Received.GroupBy(change => change.Alert.Id).ToList();
                Assert.Equal(surging.Append(marker).Order(StringComparer.Ordinal), alerts.Select(alert => alert.First().Alert.Account).Order(StringComparer.Ordinal));
                Assert.All(alerts, alert => Assert.Equal("opened", alert.First().Change));
                Assert.All(alerts, alert => Assert.Single(alert, change => change.Change == "opened"));
                Assert.All(alerts, alert => Assert.InRange(alert.Count(change => change.Change == "resolved"), 0, 1));
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

    [Fact(Timeout = TestTimeout)]
    public async Task Stall_reminders_live_in_Orleans_reminder_table_and_after_a_kill_the_survivors_hold_and_fire_them()
    {
        // Orleans' shortest reminder period: the first tick comes one minute after an account is configured.
        var period = TimeSpan.FromMinutes(1);
        await using var cluster = await SiloCluster.StartAsync(
            3, settings => settings with { Extra = new Dictionary<string, string> { ["Monitor__Accounts__StallCheckPeriod"] = "00:01:00" } }, Cancellation);

        // Every configured account registers its stall reminder: one row each in Orleans' table, held by the silo whose
        // share of the ring covers the grain's hash; together the silos hold them all.
        var accounts = Enumerable.Range(0, 24).Select(_ => TestObservations.NewAccount()).ToList();
        await cluster.CreateAccountsAsync(accounts, Cancellation);
        var reminders = await cluster.RemindersAsync(Cancellation);
        Assert.True(accounts.Count == reminders.Count, $"Reminder rows: {string.Join(", ", reminders)}");
        Assert.All(reminders, row => Assert.Equal(("stall", period), (row.ReminderName, row.Period)));
        Assert.Equal(accounts.Order(StringComparer.Ordinal), reminders.Select(row => row.GrainId[(row.GrainId.IndexOf('/', StringComparison.Ordinal) + 1)..]).Order(StringComparer.Ordinal));
        var held = await WaitForRemindersHeldAsync(cluster.Silos, accounts.Count);

        var victim = held.MaxBy(entry => entry.Value).Key;
        var survivors = cluster.Silos.Where(silo => silo != victim).ToList();
        Output?.WriteLine($"Killing {victim.Name}.");
        await victim.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        var firstTick = reminders.Min(row => row.StartTime);
        Assert.True(killedAt < firstTick, $"The victim was killed at {killedAt:O}, after the first tick was due ({firstTick:O}): the start-up was too slow for this test.");
        await cluster.WaitForStatusAsync(victim, SiloStatus.Dead, DeathDeclarationTimeout, Cancellation);
        await WaitForRemindersHeldAsync(survivors, accounts.Count);

        // Each reminder ticks once in [its start, its start + period); no tick can have happened on the victim. Survivors
        // that delivered as many ticks as there are reminders before any second tick was due delivered each once.
        var ticks = 0.0;
        await Poll.UntilAsync(async () =>
        {
            ticks = 0;
            foreach (var silo in survivors)
            {
                ticks += await SiloMetrics.SumAsync(silo, SiloMetrics.RemindersTicksDelivered, Cancellation);
            }

            return ticks >= accounts.Count;
        }, reminders.Max(row => row.StartTime) - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30), () => $"{accounts.Count} reminder ticks on the survivors (delivered: {ticks})");
        var countedAt = DateTimeOffset.UtcNow;
        Output?.WriteLine($"Reminder ticks delivered by the survivors: {ticks} by {countedAt:O}; first due {firstTick:O}, last {reminders.Max(row => row.StartTime):O}.");
        Assert.True(countedAt < firstTick + period, $"The ticks were counted at {countedAt:O}, after second ticks became due ({firstTick + period:O}).");
        Assert.Equal(accounts.Count, ticks);
    }

    // The silos' reminder services together hold every reminder of the table, each once (Orleans' gauge of the reminders a silo holds).
    private static async Task<Dictionary<ClusterSiloProcess, double>> WaitForRemindersHeldAsync(IReadOnlyList<ClusterSiloProcess> silos, int expected)
    {
        var held = new Dictionary<ClusterSiloProcess, double>();
        await Poll.UntilAsync(async () =>
        {
            foreach (var silo in silos)
            {
                held[silo] = await SiloMetrics.SumAsync(silo, SiloMetrics.ActiveReminders, Cancellation);
            }

            return held.Values.Sum() == expected;
        }, TimeSpan.FromSeconds(30), () => $"the silos to hold {expected} reminders (held: {Describe(held)})");
        Output?.WriteLine($"Reminders held: {Describe(held)}.");
        return held;
    }

    private static string Describe<T>(IReadOnlyDictionary<ClusterSiloProcess, T> perSilo) => string.Join(", ", perSilo.Select(entry => $"{entry.Key.Name}={entry.Value}"));

    private static IEnumerable<string> AccountsIn(ReceivedWebhook hook) =>
        hook.Json.GetProperty("alerts").EnumerateArray().Select(alert => alert.GetProperty("alert").GetProperty("account").GetString()!);
}
