using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Client;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>
/// A client that posts observation batches the way a well-behaved collector does in cluster mode: a 503 (the grain's silo
/// died or is stopping, so Orleans refused the call) is retried after its Retry-After, capped at <see cref="MaxRetryWait"/> so failover is measured
/// finely; anything else that is not a success counts as a failure.
/// </summary>
public sealed class RetryingIngestClient
{
    /// <summary>The longest wait between retries, whatever Retry-After says.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromMilliseconds(250);

    private static readonly ServiceUnavailableRetry Retry = new(MaxRetryWait);

    private readonly ConcurrentQueue<string> _failureLog = new();
    private long _retries;
    private long _failures;

    /// <summary>503 answers retried so far.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Requests that failed (an error other than 503, or no success before their deadline).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>The last failure, for assertion messages.</summary>
    public string? LastFailure { get; private set; }

    /// <summary>Every failure so far, in order, for assertion messages.</summary>
    public IReadOnlyList<string> FailureLog => [.. _failureLog];

    /// <summary>Posts <paramref name="batch"/> to <paramref name="http"/> until it is acknowledged (true) or fails (false).</summary>
    public async Task<bool> PostAsync(HttpClient http, IReadOnlyList<ObservationInput> batch, TimeSpan deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            using var response = await Retry.SendAsync(
                () => http.PostAsJsonAsync("api/observations", batch, MonitorClient.JsonOptions, cancellationToken),
                deadline, () => Interlocked.Increment(ref _retries), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var result = await response.Content.ReadFromJsonAsync<RecordResult>(MonitorClient.JsonOptions, cancellationToken);
                return result is { Rejected.Count: 0 } || Fail($"{result?.Rejected.Count} observations rejected: {result?.Rejected.FirstOrDefault()}");
            }

            return response.StatusCode != HttpStatusCode.ServiceUnavailable ? Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}")
                : Retry.WaitBeforeRetry(response) is null ? Fail("503 without Retry-After")
                : Fail($"still 503 after {deadline}");
        }
        catch (HttpRequestException exception)
        {
            return Fail(exception.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail($"no answer within {http.Timeout}");
        }
    }

    private bool Fail(string reason)
    {
        Interlocked.Increment(ref _failures);
        LastFailure = reason;
        _failureLog.Enqueue(reason);
        return false;
    }
}
