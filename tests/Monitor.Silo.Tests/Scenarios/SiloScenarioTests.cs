using System.Globalization;
using System.Net.Http.Json;
using System.Net;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Abstractions.Groups;
using Monitor.Abstractions.Import;
using Monitor.Demo;
using Monitor.Hosting.Cli;
using Monitor.Hosting;
using Monitor.Import;
using Monitor.Silo.Tests.Builders;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Scenarios;

/// <summary>End-to-end scenarios over a real HTTP server, written once and run on every storage provider.</summary>
public abstract class SiloScenarioTests
{
    /// <summary>How the provider under test stores the silo's data (a fresh, empty store each call).</summary>
    protected abstract Task<SiloHostOptions> CreateHostOptionsAsync();

    private async Task<RunningSilo> StartSiloAsync() => await RunningSilo.StartAsync(await CreateHostOptionsAsync());

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Importing_the_seed_snapshot_ranks_turkic_mfa_by_followers()
    {
        await using var silo = await StartSiloAsync();

        var summary = await ImportSeedAsync(silo);

        Assert.Equal((14L, 14, 14L, 0L), (summary.Rows, summary.AccountsRegistered, summary.Accepted, summary.Rejected));
        var ranking = await silo.GetAsync<List<RankingEntry>>("api/groups/turkic-mfa/ranking?by=followers");
        Assert.Equal(["MFATurkiye", "AzerbaijanMFA", "MFA_KZ", "MFA_Kyrgyzstan", "uzbekmfa"], ranking.Select(entry => entry.Handle));
        Assert.Equal([1_800_000L, 205_200L, 52_900L, 9_921L, 7_948L], ranking.Select(entry => entry.Followers ?? -1));
        Assert.Equal([1, 2, 3, 4, 5], ranking.Select(entry => entry.Rank));
    }

    [Fact]
    public async Task Ranking_by_followers_per_post_reproduces_the_seed_ratios()
    {
        await using var silo = await StartSiloAsync();
        await ImportSeedAsync(silo);

        var ranking = await silo.GetAsync<List<RankingEntry>>("api/groups/turkic-mfa/ranking?by=followersPerPost");

        var expected = (await ReadSeedRowsAsync())
            .Where(row => row.Groups.Contains("turkic-mfa"))
            .Select(row => (row.Handle, Ratio: row.Followers / (double)row.Posts!.Value))
            .OrderByDescending(row => row.Ratio)
            .ToList();
        Assert.Equal(expected.Select(row => row.Handle), ranking.Select(entry => entry.Handle));
        foreach (var (entry, row) in ranking.Zip(expected))
        {
            Assert.Equal(row.Ratio, entry.FollowersPerPost!.Value, 6);
        }
    }

    [Fact]
    public async Task Replayed_surge_opens_one_alert_that_is_streamed_acknowledged_and_resolved()
    {
        await using var silo = await StartSiloAsync();
        var account = TestAccounts.NewKey();
        await silo.RegisterAsync(account, TestAccounts.NewGroup());
        var history = SurgeScenario.For(account);
        await using var stream = await AlertStream.OpenAsync(silo.Http, after: 0);

        await silo.ReplayAsync(history.Take(SurgeScenario.BaselineDays + 10).ToList());
        var opened = await stream.WaitForAsync(item => item.Data.Alert.Account == account && item.Data.Alert.Kind == "surge");
        var alertId = opened.Data.Alert.Id;
        Assert.Equal(opened.Data.Sequence.ToString(CultureInfo.InvariantCulture), opened.EventId);
        Assert.Equal(opened.Data.Change, opened.EventType);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        using var acknowledge = await silo.Http.PostAsJsonAsync($"api/alerts/{alertId}/acknowledge", new { by = "duty-officer" }, Cancellation);
        Assert.Equal(HttpStatusCode.OK, acknowledge.StatusCode);
        var acknowledged = await RunningSilo.ReadAsync<AlertView>(acknowledge);
        Assert.Equal("acknowledged", acknowledged.Status);
        Assert.Equal("duty-officer", acknowledged.AcknowledgedBy);
        await stream.WaitForAsync(item => item.Data.Alert.Id == alertId && item.Data.Alert.Status == "acknowledged");

        await silo.ReplayAsync(history.Skip(SurgeScenario.BaselineDays + 10).ToList());
        await stream.WaitForAsync(item => item.Data.Alert.Id == alertId && item.Data.Alert.Status == "resolved");

        var surges = await silo.GetAsync<AlertPage>($"api/alerts?account={Uri.EscapeDataString(account)}&kind=surge");
        var alert = Assert.Single(surges.Items);
        Assert.Equal(alertId, alert.Id);
        Assert.Equal("resolved", alert.Status);
        Assert.NotNull(alert.End);
        Assert.InRange(alert.Start, SurgeScenario.SurgeStart(history[0].Timestamp).AddDays(-2), SurgeScenario.SurgeStart(history[0].Timestamp).AddDays(SurgeScenario.SurgeDays));
        Assert.Equal(alertId, (await silo.GetAsync<AlertView>($"api/alerts/{alertId}")).Id);
    }

    [Fact]
    public async Task A_surge_posted_in_one_batch_is_streamed_opened_before_resolved()
    {
        await using var silo = await StartSiloAsync();
        var account = TestAccounts.NewKey();
        await silo.RegisterAsync(account, TestAccounts.NewGroup());
        await using var stream = await AlertStream.OpenAsync(silo.Http, after: 0);

        // Baseline, surge and the quiet after it in one request: the episode opens and ends inside the batch.
        await silo.ReplayAsync(SurgeScenario.For(account), batchSize: 1_000);
        var resolved = await stream.WaitForAsync(item => item.Data.Alert.Account == account && item.Data.Change == "resolved");

        var ofThisAlert = stream.Received.Where(item => item.Data.Alert.Id == resolved.Data.Alert.Id).ToList();
        Assert.Equal(["opened", "resolved"], ofThisAlert.Select(item => item.Data.Change));
        Assert.Equal("open", ofThisAlert[0].Data.Alert.Status);
        Assert.True(ofThisAlert[0].Data.Sequence < ofThisAlert[1].Data.Sequence);
    }

    [Fact]
    public async Task A_silence_mutes_the_matching_surge_and_can_be_removed()
    {
        await using var silo = await StartSiloAsync();
        var account = TestAccounts.NewKey();
        await silo.RegisterAsync(account, TestAccounts.NewGroup());
        using var create = await silo.Http.PostAsJsonAsync(
            "api/silences", new { account, kind = "surge", duration = "01:00:00", comment = "known campaign", createdBy = "tests" }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var silence = await RunningSilo.ReadAsync<Silence>(create);
        Assert.Contains(await silo.GetAsync<List<Silence>>("api/silences"), s => s.Id == silence.Id && s.Account == account);

        await using var stream = await AlertStream.OpenAsync(silo.Http, after: 0);
        await silo.ReplayAsync(SurgeScenario.For(account));
        var streamed = await stream.WaitForAsync(item => item.Data.Alert.Account == account && item.Data.Alert.Kind == "surge");

        Assert.True(streamed.Data.Alert.Silenced, "The surge matched an active silence but was streamed as not silenced.");
        var surge = Assert.Single((await silo.GetAsync<AlertPage>($"api/alerts?account={Uri.EscapeDataString(account)}&kind=surge")).Items);
        Assert.True(surge.Silenced, "The surge matched an active silence but the feed shows it not silenced.");
        using var remove = await silo.Http.DeleteAsync($"api/silences/{silence.Id}", Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        Assert.DoesNotContain(await silo.GetAsync<List<Silence>>("api/silences"), s => s.Id == silence.Id);
        Assert.Contains(await silo.GetAsync<List<Silence>>("api/silences?state=all"), s => s.Id == silence.Id && s.ExpiresAt < silence.ExpiresAt);
        using var removeAgain = await silo.Http.DeleteAsync($"api/silences/{silence.Id}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, removeAgain.StatusCode);
    }

    [Fact]
    public async Task Reconnecting_with_Last_Event_ID_replays_the_changes_missed_while_away()
    {
        await using var silo = await StartSiloAsync();
        var first = TestAccounts.NewKey();
        var missed = TestAccounts.NewKey();
        await silo.RegisterAsync(first, TestAccounts.NewGroup());
        await silo.RegisterAsync(missed, TestAccounts.NewGroup());

        // A witness stream stays connected throughout, to know when the missed change has been logged.
        await using var witness = await AlertStream.OpenAsync(silo.Http, after: 0);
        string lastEventId;
        await using (var stream = await AlertStream.OpenAsync(silo.Http, after: 0))
        {
            await silo.ReplayAsync(SurgeScenario.For(first, seed: 1));
            lastEventId = (await stream.WaitForAsync(item => item.Data.Alert.Account == first)).EventId!;
        }

        await silo.ReplayAsync(SurgeScenario.For(missed, seed: 2));
        await witness.WaitForAsync(item => item.Data.Alert.Account == missed);

        await using var resumed = await AlertStream.OpenAsync(silo.Http, lastEventId: lastEventId);
        await resumed.WaitForAsync(item => item.Data.Alert.Account == missed);
        Assert.All(resumed.Received, item => Assert.True(long.Parse(item.EventId!, CultureInfo.InvariantCulture) > long.Parse(lastEventId, CultureInfo.InvariantCulture)));
        Assert.Equal(resumed.Received.Select(item => item.Data.Sequence).Order(), resumed.Received.Select(item => item.Data.Sequence));
    }

    [Fact]
    public async Task A_stream_resumes_with_Last_Event_ID_across_a_silo_restart()
    {
        var options = await CreateHostOptionsAsync();
        var first = TestAccounts.NewKey();
        var missed = TestAccounts.NewKey();
        string lastEventId;
        await using (var silo = await RunningSilo.StartAsync(options))
        {
            await silo.RegisterAsync(first, TestAccounts.NewGroup());
            await silo.RegisterAsync(missed, TestAccounts.NewGroup());
            await using var stream = await AlertStream.OpenAsync(silo.Http, after: 0);
            await silo.ReplayAsync(SurgeScenario.For(first, seed: 1));
            lastEventId = (await stream.WaitForAsync(item => item.Data.Alert.Account == first)).EventId!;
        }

        await using var restarted = await RunningSilo.StartAsync(options);
        await restarted.ReplayAsync(SurgeScenario.For(missed, seed: 2));
        await using var resumed = await AlertStream.OpenAsync(restarted.Http, lastEventId: lastEventId);
        await resumed.WaitForAsync(item => item.Data.Alert.Account == missed);

        var after = long.Parse(lastEventId, CultureInfo.InvariantCulture);
        Assert.Equal(
            Enumerable.Range((int)after + 1, resumed.Received.Count).Select(sequence => (long)sequence),
            resumed.Received.Select(item => item.Data.Sequence));
    }

    [Fact]
    public async Task Accounts_are_listed_filtered_read_and_removed_through_keys_with_colons()
    {
        await using var silo = await StartSiloAsync();
        var group = TestAccounts.NewGroup();
        const string did = "bluesky:did:plc:z72i7hdynmk6r22z27h6tvur";
        await silo.RegisterAsync(did, group);
        await silo.RegisterAsync(TestAccounts.NewKey(), group);

        var page = await silo.GetAsync<AccountPage>($"api/accounts?group={group}&platform=bluesky");
        var listed = Assert.Single(page.Items);
        Assert.Equal(did, listed.Account);
        var summary = await silo.GetAsync<AccountSummary>($"api/accounts/{Uri.EscapeDataString(did)}");
        Assert.Equal(did, summary.Account);
        Assert.Equal(did, (await silo.GetAsync<AccountSummary>($"api/accounts/{did}/summary")).Account);

        using var delete = await silo.Http.DeleteAsync($"api/accounts/{Uri.EscapeDataString(did)}", Cancellation);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await silo.Http.GetAsync($"api/accounts/{Uri.EscapeDataString(did)}", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task History_is_served_as_json_and_as_csv()
    {
        await using var silo = await StartSiloAsync();
        var account = TestAccounts.NewKey();
        await silo.RegisterAsync(account);
        // Hourly points, all inside the raw tier's retention (older points are rolled up).
        var series = FollowerSeries.For(account).Every(TimeSpan.FromHours(1)).Growing(10, perStep: 50).Build();
        await silo.ReplayAsync(series);

        var points = await silo.GetAsync<List<HistoryPoint>>($"api/accounts/{account}/history?resolution=raw");
        Assert.Equal(series.Select(o => (o.Timestamp, o.Followers)), points.Select(p => (p.Timestamp, p.Followers)));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/accounts/{account}/history");
        request.Headers.Accept.ParseAdd("text/csv");
        using var csv = await silo.Http.SendAsync(request, Cancellation);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(ObservationCsvReader.GenericHeader, lines[0]);
        Assert.Equal(
            series.Select(o => $"{account},{o.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{o.Followers}"),
            lines.Skip(1).Select(line => string.Join(',', line.Split(',')[..3])));
        var viaQuery = await silo.Http.GetStringAsync($"api/accounts/{account}/history?format=csv", Cancellation);
        Assert.Equal(lines.Length, viaQuery.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static async Task<ImportSummary> ImportSeedAsync(RunningSilo silo)
    {
        await using var seed = File.OpenRead(DemoRunner.DefaultSeedPath);
        return await silo.Client.ImportAsync(seed, window: 5, cancellationToken: Cancellation);
    }

    private static async Task<List<SeedRow>> ReadSeedRowsAsync()
    {
        using var reader = new StreamReader(DemoRunner.DefaultSeedPath);
        var rows = new List<SeedRow>();
        await foreach (var record in ObservationCsvReader.ReadAsync(reader, "test", cancellationToken: Cancellation))
        {
            rows.Add(record.Seed!);
        }

        return rows;
    }
}
