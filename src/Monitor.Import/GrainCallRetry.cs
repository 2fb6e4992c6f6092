using Orleans.Runtime;
using Orleans.Storage;
using Polly;
using Polly.Retry;

namespace Monitor.Import;

/// <summary>
/// Retries an idempotent grain call that failed because the grain's silo is gone: within the cluster's death detection
/// (a few seconds) Orleans places the grain elsewhere, so a failover costs the caller latency rather than a 503 whose
/// Retry-After cannot say less than a whole second. What still fails after about 4.5 s is the API's 503. A stale
/// activation that stepped down (<see cref="InconsistentStateException"/>) is not retried here: this silo may be the one
/// declared dead, and the client's retry is what reaches the live owner.
/// </summary>
public static class GrainCallRetry
{
    /// <summary>The pipeline: up to 8 retries, 50 ms doubling to at most 1 s, with jitter.</summary>
    public static ResiliencePipeline Idempotent { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<SiloUnavailableException>()
                .Handle<OrleansMessageRejectionException>(),
            MaxRetryAttempts = 8,
            Delay = TimeSpan.FromMilliseconds(50),
            MaxDelay = TimeSpan.FromSeconds(1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}
