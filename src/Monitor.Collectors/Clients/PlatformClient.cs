namespace Monitor.Collectors.Clients;

/// <summary>
/// What every platform client does around its request: the argument checks, the empty batch, a target it cannot ask for, the
/// request gate, sending without throwing and reading the rate-limit headers. A client supplies the request and the reading.
/// </summary>
public abstract class PlatformClient(Platform platform, HttpClient http, PlatformOptions options) : IPlatformClient
{
    /// <summary>The HTTP client, with the platform's base address.</summary>
    protected HttpClient Http { get; } = http;

    /// <summary>The platform's settings and credentials.</summary>
    protected PlatformOptions Options { get; } = options;

    /// <inheritdoc />
    public Platform Platform { get; } = platform;

    /// <inheritdoc />
    public virtual int MaxBatchSize => 1;

    /// <inheritdoc />
    public async Task<BatchPollResult> PollAsync(IReadOnlyList<PollTarget> targets, IRequestGate gate, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(gate);
        CheckBatch(targets);
        if (targets.Count == 0)
        {
            return new BatchPollResult([], RequestOutcome.Ok, null, RateLimitInfo.None);
        }

        if (Unaskable(targets) is { } refused)
        {
            return refused;
        }

        if (!gate.TryTake())
        {
            return PlatformResponse.NotSent(targets);
        }

        return await PollGrantedAsync(targets, gate, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Throws when <paramref name="targets"/> cannot go in one call; by default when there are more than <see cref="MaxBatchSize"/>.</summary>
    protected virtual void CheckBatch(IReadOnlyList<PollTarget> targets) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targets.Count, MaxBatchSize, nameof(targets));

    /// <summary>The result for targets no request can be made for (no request is sent and the gate is not asked); null to go on.</summary>
    protected virtual BatchPollResult? Unaskable(IReadOnlyList<PollTarget> targets) => null;

    /// <summary>Polls <paramref name="targets"/> once the gate has granted the first request.</summary>
    protected abstract Task<BatchPollResult> PollGrantedAsync(IReadOnlyList<PollTarget> targets, IRequestGate gate, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The configured batch size when it is within <paramref name="documented"/>, else the documented maximum.</summary>
    protected int BatchSizeUpTo(int documented) => Options.BatchSize > 0 && Options.BatchSize <= documented ? Options.BatchSize : documented;

    /// <summary>
    /// Sends <paramref name="request"/> and hands the answer and its rate-limit headers to <paramref name="read"/>; a request
    /// that got no answer (connection failure, timeout, refused address) fails every target.
    /// </summary>
    protected async Task<BatchPollResult> ExchangeAsync(
        IReadOnlyList<PollTarget> targets,
        HttpRequestMessage request,
        DateTimeOffset now,
        Func<HttpResponseMessage, RateLimitInfo, Task<BatchPollResult>> read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var (response, failure) = await PlatformResponse.SendAsync(Http, request, cancellationToken).ConfigureAwait(false);
        if (response is null)
        {
            return PlatformResponse.Failed(targets, RequestOutcome.Failed, failure!, RateLimitInfo.None);
        }

        using (response)
        {
            return await read(response, PlatformResponse.ReadRateLimit(response, now)).ConfigureAwait(false);
        }
    }

    /// <summary>A GET of <paramref name="relativeUri"/> (relative to the base address).</summary>
    protected static HttpRequestMessage Get(string relativeUri) => new(HttpMethod.Get, relativeUri);

    /// <summary>An answered request with one account's result.</summary>
    protected static BatchPollResult One(AccountPollResult result, RateLimitInfo rateLimit) => new([result], RequestOutcome.Ok, null, rateLimit);
}
