using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Monitor.Runtime.Activation;
using Monitor.Runtime.Clustering;
using Monitor.Runtime.Configuration;
using Monitor.Runtime.References;

namespace Monitor.Runtime.Messaging;

/// <summary>
/// Cluster delivery: calls for grains of partitions this silo serves go to the local catalog; the others are POSTed over
/// HTTP/2 cleartext to the owner's internal endpoint with the cluster secret and the caller's remaining time. An answer
/// "moved", an unreachable owner or a partition without owner re-reads the view and retries (bounded, with back-off);
/// when that runs out the call fails with the retryable <see cref="PartitionFencedException"/>.
/// </summary>
internal sealed class ClusterGrainCallTransport : IGrainCallTransport, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly Catalog _catalog;
    private readonly ClusterGrainLocator _locator;
    private readonly ClusterMembershipService _membership;
    private readonly ClusterOptions _options;
    private readonly TimeSpan _budget;
    private readonly HttpClient _http;

    public ClusterGrainCallTransport(
        Catalog catalog,
        ClusterGrainLocator locator,
        ClusterMembershipService membership,
        IOptions<ClusterOptions> options,
        IOptions<SiloMessagingOptions> messaging)
    {
        _catalog = catalog;
        _locator = locator;
        _membership = membership;
        _options = options.Value;
        _budget = messaging.Value.ResponseTimeout == Timeout.InfiniteTimeSpan ? _options.ForwardTimeout : messaging.Value.ResponseTimeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        })
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Calls forwarded to other silos so far.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    private long _forwarded;

    public Task SendAsync(SiloAddress target, GrainId grainId, GrainMethodInvoker method, object?[] arguments) =>
        _locator.IsLocal(target)
            ? _catalog.Invoke(grainId, method, arguments)
            : method.FromResultOf(SendRemoteAsync(target, grainId, method, arguments));

    public void Dispose() => _http.Dispose();

    private async Task<object?> SendRemoteAsync(SiloAddress target, GrainId grainId, GrainMethodInvoker method, object?[] arguments)
    {
        var started = Stopwatch.GetTimestamp();
        var body = GrainCallWire.WriteCall(grainId, method, arguments);
        var backoff = TimeSpan.FromMilliseconds(50);
        string? lastProblem = null;
        for (var attempt = 0; attempt < _options.MaxForwardAttempts; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(backoff).ConfigureAwait(false);
                backoff *= 2;
                await _membership.RefreshViewAsync().ConfigureAwait(false);
                target = _locator.Locate(grainId);
            }

            if (_locator.IsLocal(target))
            {
                return await method.ResultOf(_catalog.Invoke(grainId, method, arguments)).ConfigureAwait(false);
            }

            if (target == ClusterGrainLocator.Unplaced)
            {
                lastProblem = $"no live silo holds the partition of {grainId}";
                continue;
            }

            var remaining = _budget - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Call {method.Name} to {grainId} on {target} did not complete within {_budget}.");
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(target.Endpoint), GrainCallWire.CallPath))
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } },
            };
            request.Headers.Add(GrainCallWire.SecretHeader, _options.ClusterSecret);
            request.Headers.Add(GrainCallWire.TimeoutHeader, ((long)remaining.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var timeout = new CancellationTokenSource(remaining);
            HttpResponseMessage response;
            try
            {
                Interlocked.Increment(ref _forwarded);
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                // The owner is unreachable (crashed, restarting): wait for it to be declared dead and its partitions to move.
                lastProblem = $"{target} is unreachable ({exception.Message})";
                continue;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"Call {method.Name} to {grainId} on {target} did not complete within {_budget}.");
            }

            using (response)
            {
                var content = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                switch ((int)response.StatusCode)
                {
                    case 200:
                        return method.ResultType is { } resultType ? JsonSerializer.Deserialize(content, resultType, GrainCallWire.Json) : null;
                    case GrainCallWire.MovedStatus:
                    case 503:
                        lastProblem = $"{target} does not serve the partition of {grainId} now";
                        continue;
                    case 500:
                        throw GrainCallWire.ReadError(content);
                    default:
                        throw new InvalidOperationException($"Silo {target} answered {(int)response.StatusCode} to a forwarded call of {method.Name}.");
                }
            }
        }

        throw new PartitionFencedException($"Call {method.Name} to {grainId} could not be placed: {lastProblem}; retry.");
    }
}
