using Microsoft.AspNetCore.Http;
using Monitor.Abstractions.Accounts;
using Monitor.Collectors.Clients;
using Monitor.Collectors.Polling;
using Monitor.Collectors.Scheduling;
using Monitor.Collectors.Tests.Fakes;
using Xunit;

namespace Monitor.Collectors.Tests.Clients;

public sealed class TikTokClientTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly PollTarget President = new("tiktok:presidentaz", "presidentaz");

    [Fact]
    public async Task Counts_are_parsed_exactly_with_videos_as_posts_and_the_token_is_fetched_once_and_reused()
    {
        var (server, tiktok) = await StartAsync((context, _) => FakePlatformServer.Json(context, PlatformJson.TikTokUser(1_234_567, 89, 98_765_432_101, 1_402)));
        await using var _ = server;
        var client = new TikTokClient(ClientHarness.Http(server), ClientHarness.Options(server));
        var gate = new OpenGate();

        var first = await client.PollAsync([President], gate, ClientHarness.Now, Ct);
        var second = await client.PollAsync([President], gate, ClientHarness.Now.AddMinutes(30), Ct);

        Assert.Equal(RequestOutcome.Ok, first.Outcome);
        Assert.Equal(new AccountCounts(1_234_567, 89, 1_402, Likes: 98_765_432_101), first.Accounts[0].Counts);
        Assert.Equal(PollStatus.Ok, second.Accounts[0].Status);
        Assert.Equal(["presidentaz", "presidentaz"], tiktok.Usernames);
        var research = server.Requests.Where(r => r.Path == "/v2/research/user/info/").ToList();
        Assert.Equal(TikTokClient.Fields.Split(','), research[0].Values("fields"));
        Assert.All(research, r => Assert.Equal("Bearer clt.1", r.Authorization));
        var form = Assert.Single(tiktok.TokenForms);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("tt-client-key", form["client_key"]);

        // The gate guards the Research API's quota: two user info requests, the token request not among them.
        Assert.Equal(2, gate.Taken);
    }

    [Fact]
    public async Task An_unknown_user_is_not_found_with_the_error_and_log_id_and_never_zero_followers()
    {
        var (server, _) = await StartAsync((context, username) => username == "nosuchuser"
            ? FakePlatformServer.Json(context, PlatformJson.TikTokError("invalid_params", "The user nosuchuser does not exist.", "202611220900LOGID"), 400)
            : FakePlatformServer.Json(context, PlatformJson.TikTokUser(10, 1, 5, 2)));
        await using var _ = server;
        var client = new TikTokClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync([new PollTarget("tiktok:nosuchuser", "nosuchuser")], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(RequestOutcome.Ok, result.Outcome);
        var account = Assert.Single(result.Accounts);
        Assert.Equal(PollStatus.NotFound, account.Status);
        Assert.Null(account.Counts);
        Assert.Equal("invalid_params: The user nosuchuser does not exist. (log_id 202611220900LOGID)", account.Reason);
    }

    [Fact]
    public async Task An_error_object_is_classified_by_its_code_and_never_carries_the_secret_or_token()
    {
        var code = "internal_error";
        var (server, _) = await StartAsync((context, _) => FakePlatformServer.Json(context,
            PlatformJson.TikTokError(code, "Something went wrong.", "LOG500"), code == "internal_error" ? 500 : 401));
        await using var _ = server;
        var client = new TikTokClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var failed = await client.PollAsync([President], new OpenGate(), ClientHarness.Now, Ct);
        code = "scope_not_authorized";
        var unauthorized = await client.PollAsync([President], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(RequestOutcome.Failed, failed.Outcome);
        Assert.Equal(PollStatus.Error, failed.Accounts[0].Status);
        Assert.Equal("internal_error: Something went wrong. (log_id LOG500)", failed.Reason);
        Assert.Equal(RequestOutcome.Unauthorized, unauthorized.Outcome);
        Assert.Contains("scope_not_authorized", unauthorized.Reason, StringComparison.Ordinal);
        foreach (var reason in new[] { failed.Reason, unauthorized.Reason, failed.Accounts[0].Reason, unauthorized.Accounts[0].Reason })
        {
            Assert.DoesNotContain("tt-client-secret", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("clt.", reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_429_names_its_retry_time_from_retry_after_or_else_the_next_utc_day()
    {
        var retryAfter = true;
        var (server, _) = await StartAsync((context, _) =>
        {
            if (retryAfter)
            {
                context.Response.Headers.RetryAfter = "120";
            }

            return FakePlatformServer.Json(context, PlatformJson.TikTokError("rate_limit_exceeded", "The API rate limit was exceeded."), 429);
        });
        await using var _ = server;
        var client = new TikTokClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var withHeader = await client.PollAsync([President], new OpenGate(), ClientHarness.Now, Ct);
        retryAfter = false;
        var withoutHeader = await client.PollAsync([President], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(RequestOutcome.RateLimited, withHeader.Outcome);
        Assert.Equal(PollStatus.RateLimited, withHeader.Accounts[0].Status);
        Assert.Equal(ClientHarness.Now.AddSeconds(120), withHeader.RateLimit.RetryAt);
        Assert.Equal(RequestOutcome.RateLimited, withoutHeader.Outcome);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), withoutHeader.RateLimit.RetryAt);
    }

    [Fact]
    public async Task The_poller_pauses_tiktok_exactly_until_retry_after()
    {
        var clock = new ManualClock(ClientHarness.Now);
        var limited = true;
        var (server, _) = await StartAsync((context, _) =>
        {
            if (!limited)
            {
                return FakePlatformServer.Json(context, PlatformJson.TikTokUser(500, 5, 50, 5));
            }

            limited = false;
            context.Response.Headers.RetryAfter = "150";
            return FakePlatformServer.Json(context, PlatformJson.TikTokError("rate_limit_exceeded", "The API rate limit was exceeded."), StatusCodes.Status429TooManyRequests);
        }, clock);
        await using var _ = server;
        var recorder = new RecordingRecorder();
        var accounts = new FixedAccounts([new PolledAccount("tiktok:presidentaz", new AccountProfile())]);
        var poller = new PlatformPoller(new TikTokClient(ClientHarness.Http(server), ClientHarness.Options(server)), new PollerSettings(), accounts, recorder, clock);
        var state = new PlatformScheduleState();

        for (var tick = 0; tick < 10; tick++)
        {
            await poller.TickAsync(state, Ct);
            clock.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(ClientHarness.Now.AddSeconds(150), state.RateLimitedUntil);
        Assert.Equal([ClientHarness.Now, ClientHarness.Now.AddSeconds(150)],
            server.Requests.Where(r => r.Path == "/v2/research/user/info/").Select(r => r.At));
        Assert.Equal([PollStatus.RateLimited, PollStatus.Ok], recorder.Results.Select(entry => entry.Result.Status));
    }

    [Fact]
    public async Task An_expired_token_is_renewed_before_use()
    {
        var (server, tiktok) = await StartAsync((context, _) => FakePlatformServer.Json(context, PlatformJson.TikTokUser(10, 1, 5, 2)));
        await using var _ = server;
        var client = new TikTokClient(ClientHarness.Http(server), ClientHarness.Options(server));

        await client.PollAsync([President], new OpenGate(), ClientHarness.Now, Ct);
        await client.PollAsync([President], new OpenGate(), ClientHarness.Now.AddMinutes(100), Ct);
        var late = await client.PollAsync([President], new OpenGate(), ClientHarness.Now.AddHours(2), Ct);

        // The token lives 7,200 s: reused at 100 minutes, renewed by two hours.
        Assert.Equal(PollStatus.Ok, late.Accounts[0].Status);
        Assert.Equal(2, tiktok.TokenForms.Count);
        Assert.Equal(["Bearer clt.1", "Bearer clt.1", "Bearer clt.2"],
            server.Requests.Where(r => r.Path == "/v2/research/user/info/").Select(r => r.Authorization));
    }

    [Fact]
    public async Task A_token_the_api_rejects_is_replaced_and_the_request_sent_again_within_the_gate()
    {
        var (server, tiktok) = await StartAsync((context, _) => FakePlatformServer.Json(context, PlatformJson.TikTokUser(77, 7, 700, 70)));
        await using var _ = server;
        var client = new TikTokClient(ClientHarness.Http(server), ClientHarness.Options(server));
        await client.PollAsync([President], new OpenGate(), ClientHarness.Now, Ct);
        tiktok.ValidTokens.Clear();

        var gate = new OpenGate();
        var result = await client.PollAsync([President], gate, ClientHarness.Now.AddMinutes(10), Ct);
        tiktok.ValidTokens.Clear();
        var spent = await client.PollAsync([President], new OpenGate(limit: 1), ClientHarness.Now.AddMinutes(20), Ct);

        Assert.Equal(new AccountCounts(77, 7, 70, Likes: 700), result.Accounts[0].Counts);
        Assert.Equal(2, gate.Taken);
        Assert.Equal(["Bearer clt.1", "Bearer clt.1", "Bearer clt.2", "Bearer clt.2"],
            server.Requests.Where(r => r.Path == "/v2/research/user/info/").Select(r => r.Authorization));

        // With no request left in the budget the retry is not sent: nothing was read, nothing is counted as a failure.
        Assert.Equal(RequestOutcome.NotSent, spent.Outcome);
    }

    [Fact]
    public async Task A_refused_client_secret_is_unauthorized_and_no_research_request_is_sent()
    {
        var (server, _) = await StartAsync((context, _) => FakePlatformServer.Json(context, PlatformJson.TikTokUser(10, 1, 5, 2)));
        await using var _ = server;
        var options = ClientHarness.Options(server);
        options.ClientSecret = "wrong-secret";
        var client = new TikTokClient(ClientHarness.Http(server), options);

        var result = await client.PollAsync([President], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(RequestOutcome.Unauthorized, result.Outcome);
        Assert.Equal("client access token refused: invalid_client (log_id 20261122LOG)", result.Reason);
        Assert.DoesNotContain(server.Requests, r => r.Path == "/v2/research/user/info/");
    }

    private static async Task<(FakePlatformServer Server, FakeTikTok TikTok)> StartAsync(Func<HttpContext, string, Task> userInfo, TimeProvider? clock = null)
    {
        var tiktok = new FakeTikTok { UserInfo = userInfo };
        var server = await FakePlatformServer.StartAsync(clock, tiktok.HandleAsync);
        return (server, tiktok);
    }
}
