using Microsoft.AspNetCore.Http;
using Monitor.Abstractions.Accounts;
using Monitor.Collectors.Tests.Fakes;
using Xunit;

namespace Monitor.Collectors.Tests.Silo;

public sealed class CollectorSiloTests
{
    private const string President = "x:2996296402";
    private const string Embassy = "x:783214";
    private const string BlueskyDid = "did:plc:abcd2345efgh6723ijkl2345";
    private const string BlueskyAccount = "bluesky:" + BlueskyDid;

    [Fact]
    public async Task A_surge_in_collected_counts_appears_as_a_surge_alert_through_the_api()
    {
        const int baselineDays = 100;
        const int surgeDays = 20;
        await using var silo = await CollectorSilo.StartAsync(daysAgo: baselineDays + surgeDays + 2);
        var surgeStart = silo.Clock.Now.AddDays(baselineDays);
        silo.X.Handler = ScriptedX.Users(silo.Clock, (id, now) =>
        {
            var day = (long)(now - (surgeStart.AddDays(-baselineDays))).TotalDays;
            var surge = Math.Max(0, (long)(now - surgeStart).TotalDays);
            return id == "2996296402" ? 500_000 + (100 * day) + (5_000 * surge) : 80_000 + (50 * day);
        });
        silo.Bluesky.Handler = context => FakePlatformServer.Json(context, PlatformJson.BlueskyProfiles(
            [PlatformJson.BlueskyProfile(BlueskyDid, "mfa.example.gov", 45_000 + (long)(silo.Clock.Now - surgeStart).TotalDays * 20 + 5_000, 130, 2_210)]));
        await silo.RegisterAsync(President, new AccountProfile("presidentaz", Groups: ["turkic-leaders"]));
        await silo.RegisterAsync(Embassy, new AccountProfile("embassy"));
        await silo.RegisterAsync(BlueskyAccount, new AccountProfile("mfa.example.gov"));

        await silo.PollDaysAsync(baselineDays + surgeDays);

        var surge = Assert.Single(await silo.AlertsAsync(President, "surge"));
        Assert.InRange(surge.Start, surgeStart.AddDays(-2), surgeStart.AddDays(3));
        Assert.Empty(await silo.AlertsAsync(Embassy, "surge"));
        Assert.Empty(await silo.AlertsAsync(BlueskyAccount, "surge"));
        var summary = await silo.GetAsync<AccountSummary>($"api/accounts/{Uri.EscapeDataString(President)}");
        Assert.Equal(500_000 + (100 * (baselineDays + surgeDays - 1)) + (5_000 * (surgeDays - 1)), summary.Followers);
        Assert.Equal(PollStatus.Ok, summary.Collection!.LastStatus);
        var blueskySummary = await silo.GetAsync<AccountSummary>($"api/accounts/{Uri.EscapeDataString(BlueskyAccount)}");
        Assert.Equal(baselineDays + surgeDays, (await silo.GetAsync<List<HistoryPoint>>($"api/accounts/{Uri.EscapeDataString(BlueskyAccount)}/history")).Count);
        Assert.Equal(PollStatus.Ok, blueskySummary.Collection!.LastStatus);
    }

    [Fact]
    public async Task A_suspended_account_raises_an_unavailable_alert_and_keeps_its_last_count()
    {
        await using var silo = await CollectorSilo.StartAsync(daysAgo: 12);
        var suspendedFrom = silo.Clock.Now.AddDays(5);
        silo.X.Handler = context =>
        {
            if (silo.Clock.Now < suspendedFrom)
            {
                return ScriptedX.Users(silo.Clock, (_, _) => 250_000)(context);
            }

            return FakePlatformServer.Json(context, PlatformJson.XUsers([], [PlatformJson.XSuspended("2996296402")]));
        };
        await silo.RegisterAsync(President, new AccountProfile("presidentaz"));

        await silo.PollDaysAsync(8);

        var unavailable = Assert.Single(await silo.AlertsAsync(President, "unavailable"));
        Assert.Equal("open", unavailable.Status);
        Assert.Equal(suspendedFrom, unavailable.Start);
        Assert.Contains("suspended", unavailable.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await silo.AlertsAsync(President, "drop"));
        var history = await silo.GetAsync<List<HistoryPoint>>($"api/accounts/{Uri.EscapeDataString(President)}/history");
        Assert.Equal(5, history.Count);
        Assert.All(history, point => Assert.Equal(250_000, point.Followers));
        var summary = await silo.GetAsync<AccountSummary>($"api/accounts/{Uri.EscapeDataString(President)}");
        Assert.Equal(250_000, summary.Followers);
        Assert.Equal(PollStatus.Suspended, summary.Collection!.LastStatus);
        Assert.Contains(summary.OpenEpisodes, episode => episode.Kind == "unavailable");
    }

    [Fact]
    public async Task Repeated_collection_failures_raise_a_stall_with_the_reason_and_recovery_resolves_it()
    {
        await using var silo = await CollectorSilo.StartAsync(daysAgo: 10);
        var failing = true;
        silo.Bluesky.Handler = context => failing
            ? FakePlatformServer.Json(context, "{}", StatusCodes.Status502BadGateway)
            : FakePlatformServer.Json(context, PlatformJson.BlueskyProfiles([PlatformJson.BlueskyProfile(BlueskyDid, "mfa.example.gov", 45_000, 130, 2_210)]));
        await silo.RegisterAsync(BlueskyAccount, new AccountProfile("mfa.example.gov"));

        await silo.PollDaysAsync(2);
        Assert.Empty(await silo.AlertsAsync(BlueskyAccount, "stall"));
        await silo.PollDaysAsync(1);

        var stall = Assert.Single(await silo.AlertsAsync(BlueskyAccount, "stall"));
        Assert.Equal("open", stall.Status);
        Assert.Equal("HTTP 502", stall.Reason);
        var summary = await silo.GetAsync<AccountSummary>($"api/accounts/{Uri.EscapeDataString(BlueskyAccount)}");
        Assert.Equal(3, summary.Collection!.ConsecutiveFailures);
        Assert.Null(summary.Followers);

        failing = false;
        await silo.PollDaysAsync(1);

        Assert.Equal("resolved", Assert.Single(await silo.AlertsAsync(BlueskyAccount, "stall")).Status);
    }

    [Fact]
    public async Task A_platform_failing_for_every_account_raises_one_outage_alert_the_next_answer_resolves()
    {
        await using var silo = await CollectorSilo.StartAsync(daysAgo: 10);
        var failing = true;
        silo.Bluesky.Handler = context => failing
            ? FakePlatformServer.Json(context, "{}", StatusCodes.Status503ServiceUnavailable)
            : FakePlatformServer.Json(context, PlatformJson.BlueskyProfiles([PlatformJson.BlueskyProfile(BlueskyDid, "mfa.example.gov", 45_000, 130, 2_210)]));
        silo.X.Handler = ScriptedX.Users(silo.Clock, (_, _) => 1_000);
        await silo.RegisterAsync(BlueskyAccount, new AccountProfile("mfa.example.gov"));
        await silo.RegisterAsync(President, new AccountProfile("presidentaz"));

        await silo.PollDaysAsync(2);
        Assert.Empty(await silo.AlertsAsync("bluesky", "outage"));
        await silo.PollDaysAsync(1);

        var outage = Assert.Single(await silo.AlertsAsync("bluesky", "outage"));
        Assert.Equal(("open", "critical"), (outage.Status, outage.Severity));
        Assert.Contains("HTTP 503", outage.Reason, StringComparison.Ordinal);
        Assert.Empty(await silo.AlertsAsync("x", "outage"));

        failing = false;
        await silo.PollDaysAsync(1);

        var resolved = Assert.Single(await silo.AlertsAsync("bluesky", "outage"));
        Assert.Equal((outage.Id, "resolved"), (resolved.Id, resolved.Status));
    }

    [Fact]
    public async Task A_hanging_platform_does_not_delay_the_others()
    {
        await using var silo = await CollectorSilo.StartAsync(daysAgo: 3);
        silo.X.Handler = silo.X.Hang();
        silo.Bluesky.Handler = context => FakePlatformServer.Json(context, PlatformJson.BlueskyProfiles([PlatformJson.BlueskyProfile(BlueskyDid, "mfa.example.gov", 45_000, 130, 2_210)]));
        await silo.RegisterAsync(President, new AccountProfile("presidentaz"));
        await silo.RegisterAsync(BlueskyAccount, new AccountProfile("mfa.example.gov"));

        var xTick = silo.Collector("x").PollNowAsync();
        var blueskyTick = await silo.Collector("bluesky").PollNowAsync();

        Assert.Equal(1, blueskyTick.Polled);
        Assert.False(xTick.IsCompleted, "the X tick should still be waiting for its hanging platform");
        var summary = await silo.GetAsync<AccountSummary>($"api/accounts/{Uri.EscapeDataString(BlueskyAccount)}");
        Assert.Equal(45_000, summary.Followers);

        silo.X.ReleaseHangingRequests();
        var xReport = await xTick;
        Assert.Equal(0, xReport.Polled);
        Assert.Equal("HTTP 503", xReport.StoppedBecause);
    }

    [Fact]
    public async Task A_handle_is_resolved_once_to_the_stable_id_and_a_rename_is_recorded_not_a_new_account()
    {
        await using var silo = await CollectorSilo.StartAsync(daysAgo: 6);
        var username = "presidentaz";
        silo.X.Handler = context =>
        {
            var user = PlatformJson.XUser("2996296402", username, 300_000, 10, 100);
            return FakePlatformServer.Json(context, PlatformJson.XUsers([user]));
        };
        await silo.RegisterAsync("x:@presidentaz", new AccountProfile("presidentaz", Groups: ["turkic-leaders"]));
        using (var imported = await silo.Http.PostAsync("api/observations", JsonContent(
            $$"""[{"account":"x:@presidentaz","timestamp":"{{silo.Clock.Now.AddDays(-2):O}}","followers":290000}]"""), TestContext.Current.CancellationToken))
        {
            Assert.True(imported.IsSuccessStatusCode);
        }

        await silo.PollDaysAsync(2);
        username = "PresidentAZ_2026";
        await silo.PollDaysAsync(1);

        Assert.Equal("/2/users/by", silo.X.Requests[0].Path);
        Assert.All(silo.X.Requests.Skip(1), request => Assert.Equal("/2/users", request.Path));
        var accounts = await silo.GetAsync<AccountPage>("api/accounts?platform=x");
        var account = Assert.Single(accounts.Items);
        Assert.Equal(President, account.Account);
        using (var old = await silo.Http.GetAsync("api/accounts/x%3A%40presidentaz", TestContext.Current.CancellationToken))
        {
            Assert.Equal(404, (int)old.StatusCode);
        }

        var summary = await silo.GetAsync<AccountSummary>($"api/accounts/{Uri.EscapeDataString(President)}");
        Assert.Equal("PresidentAZ_2026", summary.Profile.Handle);
        Assert.Equal(["turkic-leaders"], summary.Profile.Groups);
        var rename = Assert.Single(summary.Collection!.Renames);
        Assert.Equal(("presidentaz", "PresidentAZ_2026"), (rename.From, rename.To));
        var history = await silo.GetAsync<List<HistoryPoint>>($"api/accounts/{Uri.EscapeDataString(President)}/history");
        // The imported point moved with the account; the three polls (the first still under the handle) follow it.
        Assert.Equal([290_000L, 300_000L, 300_000L, 300_000L], history.Select(p => p.Followers));
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_mastodon_account_on_a_loopback_host_is_not_polled_unless_loopback_is_allowed()
    {
        await using var mastodon = await FakePlatformServer.StartAsync(handler: context => FakePlatformServer.Json(context, PlatformJson.MastodonAccount("109", "probe", 10, 1, 1)));
        await using var silo = await CollectorSilo.StartAsync(daysAgo: 2, configure: settings =>
        {
            settings.Remove(CollectorSilo.LoopbackAllowedKey);
            settings["Monitor:Collectors:Mastodon:Enabled"] = "true";
            settings["Monitor:Collectors:Mastodon:BaseUrl"] = $"http://{{server}}:{mastodon.Address.Port}/";
        });
        const string account = "mastodon:127.0.0.1:109";
        await silo.RegisterAsync(account, new AccountProfile("probe"));

        await silo.Collector("mastodon").PollNowAsync();

        var summary = await silo.GetAsync<AccountSummary>($"api/accounts/{Uri.EscapeDataString(account)}");
        Assert.Equal(PollStatus.Error, summary.Collection!.LastStatus);
        Assert.Contains("outbound address policy", summary.Collection.LastReason, StringComparison.Ordinal);
        Assert.Empty(mastodon.Requests);
    }
}
