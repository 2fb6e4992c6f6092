using Microsoft.AspNetCore.Http;
using Monitor.Abstractions.Accounts;
using Monitor.Collectors.Clients;
using Monitor.Collectors.Polling;
using Monitor.Collectors.Tests.Fakes;
using Xunit;

namespace Monitor.Collectors.Tests.Clients;

public sealed class XClientTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counts_are_parsed_exactly_from_tweet_count_and_post_count_with_ids_above_2_pow_53()
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context => FakePlatformServer.Json(context, PlatformJson.XUsers(
        [
            PlatformJson.XUser("9007199254740993", "presidentaz", 1_234_567_891, 812, 40_211),
            PlatformJson.XUser("783214", "examplemfa", 5_000_000_001, 77, 9_876, postField: "post_count"),
        ])));
        var client = new XClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync([new PollTarget("x:9007199254740993", "9007199254740993"), new PollTarget("x:783214", "783214")], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(RequestOutcome.Ok, result.Outcome);
        Assert.Equal(new AccountCounts(1_234_567_891, 812, 40_211), result.Accounts[0].Counts);
        Assert.Equal(new AccountCounts(5_000_000_001, 77, 9_876), result.Accounts[1].Counts);
        Assert.Equal("presidentaz", result.Accounts[0].Handle);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/2/users", request.Path);
        Assert.Equal(["9007199254740993", "783214"], request.Values("ids"));
        Assert.Contains("public_metrics", request.Values("user.fields"));
        Assert.Equal("Bearer x-bearer-secret", request.Authorization);
    }

    [Fact]
    public async Task Partial_batch_reports_suspended_and_missing_accounts_without_counts()
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context => FakePlatformServer.Json(context, PlatformJson.XUsers(
            [PlatformJson.XUser("11", "alive", 100, 1, 1)],
            [PlatformJson.XSuspended("12"), PlatformJson.XNotFound("13")])));
        var client = new XClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync(
            [new PollTarget("x:11", "11"), new PollTarget("x:12", "12"), new PollTarget("x:13", "13"), new PollTarget("x:14", "14")], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal([PollStatus.Ok, PollStatus.Suspended, PollStatus.NotFound, PollStatus.NotFound], result.Accounts.Select(a => a.Status));
        Assert.All(result.Accounts.Skip(1), account => Assert.Null(account.Counts));
        Assert.Equal("missing from the batch response", result.Accounts[3].Reason);
    }

    [Fact]
    public async Task Handles_are_looked_up_by_username_and_resolved_to_the_stable_id()
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context => FakePlatformServer.Json(context, PlatformJson.XUsers(
            [PlatformJson.XUser("2996296402", "PresidentAZ", 10, 1, 1)], [PlatformJson.XNotFound("nosuchhandle", "usernames")])));
        var client = new XClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync([new PollTarget("x:@presidentaz", "@presidentaz"), new PollTarget("x:@nosuchhandle", "@nosuchhandle")], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal("/2/users/by", server.Requests[0].Path);
        Assert.Equal(["presidentaz", "nosuchhandle"], server.Requests[0].Values("usernames"));
        Assert.Equal("2996296402", result.Accounts[0].ResolvedId);
        Assert.Equal(PollStatus.NotFound, result.Accounts[1].Status);
    }

    [Fact]
    public async Task A_429_carries_the_reset_time_of_the_headers_and_reads_no_counts()
    {
        var reset = ClientHarness.Now.AddMinutes(7).ToUnixTimeSeconds();
        await using var server = await FakePlatformServer.StartAsync(handler: context =>
        {
            context.Response.Headers["x-rate-limit-limit"] = "300";
            context.Response.Headers["x-rate-limit-remaining"] = "0";
            context.Response.Headers["x-rate-limit-reset"] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return FakePlatformServer.Json(context, """{"errors":[{"code":88,"message":"Rate limit exceeded"}]}""", StatusCodes.Status429TooManyRequests);
        });
        var client = new XClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync([new PollTarget("x:11", "11")], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(RequestOutcome.RateLimited, result.Outcome);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(reset), result.RateLimit.RetryAt);
        Assert.Equal(0, result.RateLimit.Remaining);
        Assert.Equal(PollStatus.RateLimited, Assert.Single(result.Accounts).Status);
        Assert.Null(result.Accounts[0].Counts);
    }

    [Theory]
    [InlineData(401, RequestOutcome.Unauthorized)]
    [InlineData(403, RequestOutcome.Unauthorized)]
    [InlineData(500, RequestOutcome.Failed)]
    [InlineData(503, RequestOutcome.Failed)]
    public async Task Error_statuses_fail_the_request_for_every_account(int status, RequestOutcome expected)
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context => FakePlatformServer.Json(context, """{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}""", status));
        var client = new XClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync([new PollTarget("x:11", "11"), new PollTarget("x:12", "12")], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(expected, result.Outcome);
        Assert.All(result.Accounts, account => Assert.Equal(PollStatus.Error, account.Status));
        Assert.All(result.Accounts, account => Assert.Null(account.Counts));
        Assert.DoesNotContain("x-bearer-secret", result.Reason);
    }

    [Theory]
    [InlineData("{\"data\": [ {\"id\": \"11\", \"public_metrics\": {\"followers_count\": ")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("{\"data\": {\"id\": 11}}")]
    public async Task Malformed_bodies_fail_the_request_without_counts(string body)
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context => FakePlatformServer.Json(context, body));
        var client = new XClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync([new PollTarget("x:11", "11")], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(RequestOutcome.Failed, result.Outcome);
        Assert.Equal("malformed response body", result.Reason);
        Assert.Null(result.Accounts[0].Counts);
    }

    [Fact]
    public async Task A_slow_platform_fails_the_request_at_the_timeout()
    {
        await using var server = await FakePlatformServer.StartAsync();
        server.Handler = server.Hang();
        var client = new XClient(ClientHarness.Http(server, TimeSpan.FromMilliseconds(300)), ClientHarness.Options(server));

        var result = await client.PollAsync([new PollTarget("x:11", "11")], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(RequestOutcome.Failed, result.Outcome);
        Assert.StartsWith("no answer within", result.Reason);
    }

    [Fact]
    public async Task Nothing_is_sent_when_the_gate_refuses()
    {
        await using var server = await FakePlatformServer.StartAsync();
        var client = new XClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync([new PollTarget("x:11", "11")], new OpenGate(limit: 0), ClientHarness.Now, Ct);

        Assert.Equal(RequestOutcome.NotSent, result.Outcome);
        Assert.Empty(server.Requests);
    }
}
