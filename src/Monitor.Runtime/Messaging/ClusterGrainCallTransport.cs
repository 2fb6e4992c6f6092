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
    private readonly ClusterView _view;
    private readonly ClusterOptions _options;
    private readonly TimeSpan _budget;
    private readonly HttpClient _http;

    public ClusterGrainCallTransport(
        Catalog catalog,
        ClusterGrainLocator locator,
        ClusterMembershipService membership,
        ClusterView view,
        IOptions<ClusterOptions> options,
        IOptions<SiloMessagingOptions> messaging)
    {
        _catalog = catalog;
        _locator = locator;
        _membership = membership;
        _view = view;
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

            // A hand-made request does not take the client's default version: h2c needs HTTP/2 asked for exactly.
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(target.Endpoint), GrainCallWire.CallPath))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } },
            };
            request.Headers.Add(GrainCallWire.SecretHeader, _options.ClusterSecret);
            request.Headers.Add(GrainCallWire.TimeoutHeader, ((long)remaining.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var timeout = new CancellationTokenSource(remaining);
            var departed = _view.DepartureOf(target.Endpoint, target.Generation);
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, departed);
            HttpResponseMessage response;
            var sent = Stopwatch.GetTimestamp();
            var methodTag = new KeyValuePair<string, object?>("method", method.Name);
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, abandon.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                // The owner is unreachable (crashed, restarting): wait for it to be declared dead and its partitions to move.
                _catalog.Instruments.ForwardedCalls.Add(1, methodTag, new KeyValuePair<string, object?>("outcome", "unreachable"));
                lastProblem = $"{target} is unreachable ({exception.Message})";
                continue;
            }
            catch (OperationCanceledException) when (departed.IsCancellationRequested && !timeout.IsCancellationRequested)
            {
                // The owner was declared dead while the call waited (a frozen process): whatever it does on waking is
                // refused by the fence, so the call goes to the partition's next owner instead.
                _catalog.Instruments.ForwardedCalls.Add(1, methodTag, new KeyValuePair<string, object?>("outcome", "departed"));
                lastProblem = $"{target} was declared dead during the call";
                continue;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                _catalog.Instruments.ForwardedCalls.Add(1, methodTag, new KeyValuePair<string, object?>("outcome", "timeout"));
                throw new TimeoutException($"Call {method.Name} to {grainId} on {target} did not complete within {_budget}.");
            }

            _catalog.Instruments.ForwardDuration.Record(Stopwatch.GetElapsedTime(sent).TotalMilliseconds, methodTag);
            _catalog.Instruments.ForwardedCalls.Add(1, methodTag, new KeyValuePair<string, object?>("outcome", response.StatusCode switch
            {
                HttpStatusCode.OK => "ok",
                (HttpStatusCode)GrainCallWire.MovedStatus or HttpStatusCode.ServiceUnavailable => "moved",
                _ => "error",
            }));

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
