using Monitor.Core.Accounts;
using Monitor.Abstractions.Accounts;
using Monitor.Collectors.Clients;
using Monitor.Collectors.Polling;
using Monitor.Collectors.Tests.Fakes;
using Xunit;

namespace Monitor.Collectors.Tests.Clients;

public sealed class YouTubeTelegramMetaClientTests
{
    private const string Channel1 = "UCaaaaaaaaaaaaaaaaaaaaaa";
    private const string Channel2 = "UCbbbbbbbbbbbbbbbbbbbbbb";
    private const string Channel3 = "UCcccccccccccccccccccccc";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task YouTube_string_counts_are_parsed_with_their_rounding_step_and_hidden_or_missing_channels_have_none()
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context => FakePlatformServer.Json(context, PlatformJson.YouTubeChannels(
            [PlatformJson.YouTubeChannel(Channel1, 1_780_000, 4_321), PlatformJson.YouTubeChannel(Channel2, null, 12, hidden: true)])));
        var client = new YouTubeClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync(
            [new PollTarget($"youtube:{Channel1}", Channel1), new PollTarget($"youtube:{Channel2}", Channel2), new PollTarget($"youtube:{Channel3}", Channel3)],
            new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(new AccountCounts(1_780_000, null, 4_321, 10_000, CountResolution.SignificantFigures(3)), result.Accounts[0].Counts);
        Assert.Equal(PollStatus.Hidden, result.Accounts[1].Status);
        Assert.Null(result.Accounts[1].Counts);
        Assert.Equal(PollStatus.NotFound, result.Accounts[2].Status);
        Assert.Equal([Channel1, Channel2, Channel3], server.Requests[0].Values("id"));
        Assert.Equal(["yt-key-secret"], server.Requests[0].Values("key"));
    }

    [Theory]
    [InlineData(999, 1)]
    [InlineData(1_783_744, 10_000)]
    [InlineData(123_456_789, 1_000_000)]
    public void YouTube_rounding_step_is_ten_to_the_digits_minus_three(long count, long step) =>
        Assert.Equal(step, YouTubeClient.PrecisionOf(count));

    [Fact]
    public async Task YouTube_quota_exhaustion_pauses_until_midnight_pacific()
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context => FakePlatformServer.Json(context, PlatformJson.GoogleError(403, "quotaExceeded"), 403));
        var client = new YouTubeClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync([new PollTarget($"youtube:{Channel1}", Channel1)], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(RequestOutcome.RateLimited, result.Outcome);

        // 2026-11-22 09:00 UTC is 01:00 PST; the quota resets at 00:00 PST on the 23rd, 08:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), result.RateLimit.RetryAt);
    }

    [Fact]
    public async Task Telegram_count_is_exact_and_flood_errors_carry_retry_after()
    {
        var flood = false;
        await using var server = await FakePlatformServer.StartAsync(handler: context => flood
            ? FakePlatformServer.Json(context, PlatformJson.TelegramError(429, "Too Many Requests: retry after 17", retryAfter: 17), 429)
            : context.Request.Query["chat_id"] == "@nosuchchannel"
                ? FakePlatformServer.Json(context, PlatformJson.TelegramError(400, "Bad Request: chat not found"), 400)
                : FakePlatformServer.Json(context, PlatformJson.TelegramCount(48_213)));
        var client = new TelegramClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var ok = await client.PollAsync([new PollTarget("telegram:-1001234567890", "-1001234567890")], new OpenGate(), ClientHarness.Now, Ct);
        var missing = await client.PollAsync([new PollTarget("telegram:@nosuchchannel", "@nosuchchannel")], new OpenGate(), ClientHarness.Now, Ct);
        flood = true;
        var limited = await client.PollAsync([new PollTarget("telegram:-1001234567890", "-1001234567890")], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(48_213, ok.Accounts[0].Counts!.Followers);
        Assert.Equal("/bot123:tg-secret/getChatMemberCount", server.Requests[0].Path);
        Assert.Equal(PollStatus.NotFound, missing.Accounts[0].Status);
        Assert.Equal(RequestOutcome.RateLimited, limited.Outcome);
        Assert.Equal(ClientHarness.Now.AddSeconds(17), limited.RateLimit.RetryAt);
        Assert.DoesNotContain("tg-secret", limited.Reason + missing.Accounts[0].Reason);
    }

    [Fact]
    public async Task Instagram_business_discovery_gives_counts_and_the_stable_id_and_errors_are_unavailable_or_throttled()
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context =>
        {
            var fields = context.Request.Query["fields"].ToString();
            if (fields.Contains("username(personaluser)", StringComparison.Ordinal))
            {
                return FakePlatformServer.Json(context, PlatformJson.GraphError(110, "Invalid user id"), 400);
            }

            if (fields.Contains("username(busy)", StringComparison.Ordinal))
            {
                return FakePlatformServer.Json(context, PlatformJson.GraphError(4, "Application request limit reached"), 400);
            }

            return FakePlatformServer.Json(context,
                """{"business_discovery":{"followers_count":267793,"follows_count":310,"media_count":1205,"id":"17841401441775531","username":"mfa_example"},"id":"17841405309211844"}""");
        });
        var client = new InstagramClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var ok = await client.PollAsync([new PollTarget("instagram:@mfa_example", "@mfa_example")], new OpenGate(), ClientHarness.Now, Ct);
        var personal = await client.PollAsync([new PollTarget("instagram:@personaluser", "@personaluser")], new OpenGate(), ClientHarness.Now, Ct);
        var throttled = await client.PollAsync([new PollTarget("instagram:@busy", "@busy")], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(new AccountCounts(267_793, 310, 1_205), ok.Accounts[0].Counts);
        Assert.Equal("17841401441775531", ok.Accounts[0].ResolvedId);
        Assert.Equal("/v25.0/17841405309211844", server.Requests[0].Path);
        Assert.Equal(PollStatus.NotFound, personal.Accounts[0].Status);
        Assert.Equal(RequestOutcome.RateLimited, throttled.Outcome);
    }

    [Fact]
    public async Task Facebook_followers_are_followers_count_not_page_likes()
    {
        await using var server = await FakePlatformServer.StartAsync(handler: context =>
            FakePlatformServer.Json(context, """{"id":"123456789","username":"ExampleMFA","name":"MFA","followers_count":80210,"fan_count":75000}"""));
        var client = new FacebookClient(ClientHarness.Http(server), ClientHarness.Options(server));

        var result = await client.PollAsync([new PollTarget("facebook:123456789", "123456789")], new OpenGate(), ClientHarness.Now, Ct);

        Assert.Equal(80_210, result.Accounts[0].Counts!.Followers);
        Assert.Equal(["graph-secret"], server.Requests[0].Values("access_token"));
    }
}
