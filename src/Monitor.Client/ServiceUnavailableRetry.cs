using System.Diagnostics;
using System.Net;

namespace Monitor.Client;

/// <summary>
/// How a client honours the silo's <c>503 Service Unavailable</c> with <c>Retry-After</c> (the ingest queue is full, or in
/// cluster mode the grain's silo is stopping): wait what Retry-After says, at most <paramref name="maxWait"/>, and send again.
/// A 503 without Retry-After, and any other answer, is returned as it is.
/// </summary>
public sealed class ServiceUnavailableRetry(TimeSpan maxWait)
{
    /// <summary>The longest wait between two sends, whatever Retry-After says.</summary>
    public TimeSpan MaxWait { get; } = maxWait;

    /// <summary>The wait before sending again, or null when <paramref name="response"/> is not a 503 naming a Retry-After delay.</summary>
    public TimeSpan? WaitBeforeRetry(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta is { } wait
            ? (wait < MaxWait ? wait : MaxWait)
            : null;
    }

    /// <summary>
    /// Sends with <paramref name="send"/> until the answer is not a 503 to retry, or until waiting once more would pass
    /// <paramref name="deadline"/> (null: no deadline); returns the last answer. <paramref name="retrying"/> is called before each wait.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, TimeSpan? deadline = null, Action? retrying = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var response = await send().ConfigureAwait(false);
            if (WaitBeforeRetry(response) is not { } wait || deadline is { } limit && Stopwatch.GetElapsedTime(started) + wait > limit)
            {
                return response;
            }

            response.Dispose();
            retrying?.Invoke();
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }
}
