using Microsoft.AspNetCore.Http;
using Monitor.Abstractions.Accounts;
using Monitor.Collectors.Clients;
using Monitor.Collectors.Polling;
using Monitor.Collectors.Tests.Fakes;
using Xunit;

namespace Monitor.Collectors.Tests.Clients;

public sealed class BlueskyAndMastodonClientTests
{
    private const string AliveDid = "did:plc:abcd1234efgh5678ijkl2345";
    private const string TakenDownDid = "did:plc:zzzz1234efgh5678ijkl2345";
    private const string UnknownDid = "did:plc:yyyy1234efgh5678ijkl2345";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bluesky_counts_are_parsed_and_dropped_actors_are_classified_by_get_profile()
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context =>
        {
            if (context.Request.Path == "/xrpc/app.bsky.actor.getProfiles")
            {
                return FakePlatformServer.Json(context, PlatformJson.BlueskyProfiles([PlatformJson.BlueskyProfile(AliveDid, "mfa.example.gov", 45_210, 130, 2_210)]));
            }

            return context.Request.Query["actor"] == TakenDownDid
                ? FakePlatformServer.Json(context, PlatformJson.XrpcError("AccountTakedown", "Account has been suspended"), 400)
                : FakePlatformServer.Json(context, PlatformJson.XrpcError("InvalidRequest", "Profile not found"), 400);
        });
        var client = new BlueskyClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync(
            [new PollTarget($"bluesky:{AliveDid}", AliveDid), new PollTarget($"bluesky:{TakenDownDid}", TakenDownDid), new PollTarget($"bluesky:{UnknownDid}", UnknownDid)],
            new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(new AccountCounts(45_210, 130, 2_210), result.Accounts[0].Counts);
        Assert.Equal(PollStatus.Suspended, result.Accounts[1].Status);
        Assert.Equal(PollStatus.NotFound, result.Accounts[2].Status);
        Assert.Equal([AliveDid, TakenDownDid, UnknownDid], server.Requests[0].Values("actors"));
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Bluesky_follow_up_lookups_respect_the_budget()
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context => FakePlatformServer.Json(context, PlatformJson.BlueskyProfiles([])));
        var client = new BlueskyClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync([new PollTarget($"bluesky:{UnknownDid}", UnknownDid), new PollTarget($"bluesky:{TakenDownDid}", TakenDownDid)], new OpenGate(limit: 1), ClientHarness.Now, Ct);

        Assert.Single(server.Requests);
        Assert.All(result.Accounts, account => Assert.Equal(PollStatus.NotFound, account.Status));
    }

    [Fact]
    public async Task Bluesky_429_uses_the_ratelimit_reset_header()
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context =>
        {
            context.Response.Headers["ratelimit-remaining"] = "0";
            context.Response.Headers["ratelimit-reset"] = ClientHarness.Now.AddSeconds(90).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return FakePlatformServer.Json(context, PlatformJson.XrpcError("RateLimitExceeded", "Rate Limit Exceeded"), StatusCodes.Status429TooManyRequests);
        });
        var client = new BlueskyClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync([new PollTarget($"bluesky:{AliveDid}", AliveDid)], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(RequestOutcome.RateLimited, result.Outcome);
        Assert.Equal(ClientHarness.Now.AddSeconds(90), result.RateLimit.RetryAt);
    }

    [Theory]
    [InlineData("bluesky", 403, "{}", "HTTP 403")]
    [InlineData("bluesky", 200, "{}", "malformed response body")]
    [InlineData("mastodon", 502, "<html>Bad gateway</html>", "HTTP 502")]
    [InlineData("mastodon", 200, "<html>Bad gateway</html>", "malformed response body")]
    public async Task An_unread_answer_fails_the_request_with_its_status_or_as_a_malformed_body(string platform, int status, string body, string reason)
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context => FakePlatformServer.Json(context, body, status));
        PlatformClient client = platform == "bluesky"
            ? new BlueskyClient(ClientHarness.Http(server), ClientHarness.Options(server))
            : new MastodonClient(ClientHarness.Http(server), ClientHarness.Options(server));
        var target = platform == "bluesky" ? new PollTarget($"bluesky:{AliveDid}", AliveDid) : new PollTarget("mastodon:social.example:1001", "social.example:1001");

        var result = await client.PollAsync([target], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal((RequestOutcome.Failed, reason), (result.Outcome, result.Reason));
        Assert.Null(Assert.Single(result.Accounts).Counts);
    }

    [Fact]
    public async Task Mastodon_reads_the_home_server_and_classifies_suspended_moved_and_missing_accounts()
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context => context.Request.Path.Value switch
        {
            "/api/v1/accounts/1001" => FakePlatformServer.Json(context, PlatformJson.MastodonAccount("1001", "ExampleEmbassy", 15_230, 210, 3_120)),
            "/api/v1/accounts/1002" => FakePlatformServer.Json(context, PlatformJson.MastodonAccount("1002", "Gone", 0, 0, 0, suspended: true)),
            "/api/v1/accounts/1003" => FakePlatformServer.Json(context, PlatformJson.MastodonAccount("1003", "Old", 10, 0, 0, movedTo: "New@other.example")),
            _ => FakePlatformServer.Json(context, """{"error":"Record not found"}""", 404),
        });
        var client = new MastodonClient(ClientHarness.Http(server), ClientHarness.Options(server));

        async Task<AccountPollResult> PollAsync(string id) =>
            (await client.PollAsync([new PollTarget($"mastodon:social.example:{id}", $"social.example:{id}")], new OpenGate(), ClientHarness.Now, Ct)).Accounts[0];

        var ok = await PollAsync("1001");
        Assert.Equal(new AccountCounts(15_230, 210, 3_120), ok.Counts);
        Assert.Equal("ExampleEmbassy", ok.Handle);
        Assert.Equal(PollStatus.Suspended, (await PollAsync("1002")).Status);
        var moved = await PollAsync("1003");
        Assert.Equal(PollStatus.NotFound, moved.Status);
        Assert.Contains("New@other.example", moved.Reason);
        Assert.Equal(PollStatus.NotFound, (await PollAsync("1004")).Status);
    }

    [Fact]
    public async Task Mastodon_server_template_puts_the_home_server_in_the_address()
    {
        await using var server = await FakePlatformServer.StartAsync();
        var options = ClientHarness.Options(server);
        options.BaseUrl = "http://{server}:1/";
        var client = new MastodonClient(new HttpClient { Timeout = TimeSpan.FromSeconds(5) }, options);

        var result = await client.PollAsync([new PollTarget("mastodon:localhost.localdomain:5", "localhost.localdomain:5")], new OpenGate(), ClientHarness.Now, Ct);

        // Port 1 on the home server refuses the connection: the address was built from the key's server, not the fake.
        Assert.Equal(RequestOutcome.Failed, result.Outcome);
        Assert.Empty(server.Requests);
    }
}
