using System.Net;

namespace Monitor.Collectors.Clients;

/// <summary>
/// YouTube Data API v3 <c>channels.list part=statistics,snippet</c>, up to 50 channel ids per call (1 quota unit), API key.
/// A handle is resolved with <c>forHandle</c>, one per call. Subscriber counts above 1,000 are rounded down to 3 significant
/// figures; the rounding step travels with the count as <see cref="AccountCounts.FollowersPrecision"/>.
/// </summary>
public sealed class YouTubeClient(HttpClient http, PlatformOptions options) : PlatformClient(Platform.YouTube, http, options)
{
    /// <summary>The usual <c>maxResults</c> limit, taken as the cap of ids per call.</summary>
    public const int DocumentedBatchSize = 50;

    // Quota resets at midnight Pacific time.
    private static readonly TimeZoneInfo Pacific = FindPacific();

    /// <inheritdoc />
    public override int MaxBatchSize => BatchSizeUpTo(DocumentedBatchSize);

    /// <summary>How the API rounds subscriber counts: down to three significant figures (exact below 1,000).</summary>
    public static readonly CountResolution PublicCountResolution = CountResolution.SignificantFigures(3);

    /// <summary>The rounding step of a public subscriber count: 1 below 1,000, else 10^(digits - 3).</summary>
    public static long PrecisionOf(long count)
    {
        if (count < 1000)
        {
            return 1;
        }

        var digits = (int)Math.Floor(Math.Log10(count)) + 1;
        long step = 1;
        for (var i = 0; i < digits - 3; i++)
        {
            step *= 10;
        }

        return step;
    }

    /// <inheritdoc />
    protected override void CheckBatch(IReadOnlyList<PollTarget> targets)
    {
        base.CheckBatch(targets);
        if (targets.Count > 1 && targets[0].IsUnresolved)
        {
            throw new ArgumentException("A YouTube handle is resolved one per call.", nameof(targets));
        }
    }

    /// <inheritdoc />
    protected override Task<BatchPollResult> PollGrantedAsync(IReadOnlyList<PollTarget> targets, IRequestGate gate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var byHandle = targets[0].IsUnresolved;
        var selector = byHandle
            ? "forHandle=" + Uri.EscapeDataString(targets[0].Id)
            : "id=" + string.Join(',', targets.Select(t => Uri.EscapeDataString(t.Id))) + "&maxResults=" + DocumentedBatchSize;
        var request = Get($"youtube/v3/channels?part=statistics,snippet&{selector}&key={Uri.EscapeDataString(Options.ApiKey ?? string.Empty)}");
        return ExchangeAsync(targets, request, now, async (response, rateLimit) =>
        {
            if (!response.IsSuccessStatusCode)
            {
                var error = await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.GoogleErrorResponse, cancellationToken).ConfigureAwait(false);
                var reasons = error?.Error?.Errors?.Select(e => e.Reason).ToList() ?? [];
                if (response.StatusCode == HttpStatusCode.TooManyRequests
                    || reasons.Any(r => r is "quotaExceeded" or "rateLimitExceeded" or "dailyLimitExceeded" or "userRateLimitExceeded"))
                {
                    var retryAt = rateLimit.RetryAt ?? NextPacificMidnight(now);
                    return PlatformResponse.Failed(targets, RequestOutcome.RateLimited, $"quota exceeded ({string.Join(", ", reasons)})", rateLimit with { RetryAt = retryAt });
                }

                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || reasons.Any(r => r is "keyInvalid" or "forbidden"))
                {
                    return PlatformResponse.Failed(targets, RequestOutcome.Unauthorized, $"API key rejected ({PlatformResponse.Describe(response)})", rateLimit);
                }

                return PlatformResponse.Failed(targets, RequestOutcome.Failed, PlatformResponse.Describe(response), rateLimit);
            }

            var body = await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.YouTubeChannelListResponse, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return PlatformResponse.Failed(targets, RequestOutcome.Failed, "malformed response body", rateLimit);
            }

            var items = body.Items ?? [];
            var results = targets.Select(target =>
            {
                var channel = byHandle ? items.FirstOrDefault() : items.FirstOrDefault(item => item.Id == target.Id);
                return channel is null
                    ? new AccountPollResult(target, PollStatus.NotFound, Reason: "missing from channels.list (unknown or terminated channel)")
                    : ToResult(target, channel, byHandle);
            });
            return new BatchPollResult([.. results], RequestOutcome.Ok, null, rateLimit);
        }, cancellationToken);
    }

    private static AccountPollResult ToResult(PollTarget target, YouTubeChannel channel, bool byHandle)
    {
        var handle = channel.Snippet?.CustomUrl;
        var resolved = byHandle ? channel.Id : null;
        var statistics = channel.Statistics;
        if (statistics is null || statistics.HiddenSubscriberCount == true || statistics.SubscriberCount is null)
        {
            return new AccountPollResult(target, PollStatus.Hidden, Reason: "subscriber count hidden by the owner", Handle: handle, ResolvedId: resolved);
        }

        var followers = statistics.SubscriberCount.Value;
        var counts = new AccountCounts(followers, null, statistics.VideoCount, PrecisionOf(followers), PublicCountResolution);
        return new AccountPollResult(target, PollStatus.Ok, counts, Handle: handle, ResolvedId: resolved);
    }

    private static DateTimeOffset NextPacificMidnight(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Pacific);
        var midnight = new DateTime(local.Year, local.Month, local.Day, 0, 0, 0, DateTimeKind.Unspecified).AddDays(1);
        return new DateTimeOffset(midnight, Pacific.GetUtcOffset(midnight));
    }

    private static TimeZoneInfo FindPacific()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Pacific", TimeSpan.FromHours(-8), "Pacific", "Pacific");
        }
    }
}
