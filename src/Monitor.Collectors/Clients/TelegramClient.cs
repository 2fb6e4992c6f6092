using System.Net;

namespace Monitor.Collectors.Clients;

/// <summary>
/// Telegram Bot API <c>getChatMemberCount</c>, one chat per call (numeric id or <c>@username</c>). The bot token is part of
/// the URL path, so no URL is ever logged (the HTTP client's logging is removed) or put into a reason.
/// </summary>
public sealed class TelegramClient(HttpClient http, PlatformOptions options) : PlatformClient(Platform.Telegram, http, options)
{
    /// <inheritdoc />
    protected override Task<BatchPollResult> PollGrantedAsync(IReadOnlyList<PollTarget> targets, IRequestGate gate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var target = targets[0];

        // "./": a token is "123456:ABC...", which would otherwise parse as a URI scheme.
        var request = Get($"./bot{Options.BotToken}/getChatMemberCount?chat_id={Uri.EscapeDataString(target.Id)}");
        return ExchangeAsync(targets, request, now, async (response, rateLimit) =>
        {
            var body = await PlatformResponse.ReadAsync(response, CollectorJsonContext.Default.TelegramCountResponse, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAt = body?.Parameters?.RetryAfter is { } seconds ? now + TimeSpan.FromSeconds(seconds) : rateLimit.RetryAt ?? now + TimeSpan.FromMinutes(1);
                return PlatformResponse.Failed(targets, RequestOutcome.RateLimited, "rate limited (HTTP 429)", rateLimit with { RetryAt = retryAt });
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound && body?.Description?.Contains("chat", StringComparison.OrdinalIgnoreCase) != true)
            {
                // The Bot API answers 401 (or 404 for a malformed token path) when the token is wrong.
                return PlatformResponse.Failed(targets, RequestOutcome.Unauthorized, $"bot token rejected ({PlatformResponse.Describe(response)})", rateLimit);
            }

            if (response.StatusCode >= HttpStatusCode.InternalServerError)
            {
                return PlatformResponse.Failed(targets, RequestOutcome.Failed, PlatformResponse.Describe(response), rateLimit);
            }

            if (body is null)
            {
                return PlatformResponse.Failed(targets, RequestOutcome.Failed, "malformed response body", rateLimit);
            }

            AccountPollResult result = body switch
            {
                { Ok: true, Result: { } count } => new AccountPollResult(target, PollStatus.Ok, new AccountCounts(count, null, null)),
                { Ok: true } => new AccountPollResult(target, PollStatus.Error, Reason: "no result in the answer"),
                _ when response.StatusCode == HttpStatusCode.Forbidden => new AccountPollResult(target, PollStatus.Hidden, Reason: body.Description ?? "the bot may not read this chat"),
                _ when body.Description?.Contains("not found", StringComparison.OrdinalIgnoreCase) == true => new AccountPollResult(target, PollStatus.NotFound, Reason: body.Description),
                _ => new AccountPollResult(target, PollStatus.Error, Reason: body.Description ?? PlatformResponse.Describe(response)),
            };
            return One(result, rateLimit);
        }, cancellationToken);
    }
}
