using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Monitor.Abstractions.Alerts;
using Monitor.Client;
using Xunit;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>
/// One silo's <c>/api/alerts/stream</c>, open from the moment <see cref="OpenAsync"/> returns (the silo subscribes before it
/// sends the response headers); events are awaited with a deadline, never slept for.
/// </summary>
public sealed class ClusterAlertStream : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;

    private ClusterAlertStream(HttpClient http, HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events)
    {
        _http = http;
        _response = response;
        _events = events;
    }

    /// <summary>Every change read so far, in order.</summary>
    public List<AlertChange> Received { get; } = [];

    /// <summary>
    /// Opens the stream of the silo at <paramref name="address"/>: live (only changes after this moment), or resumed after
    /// <paramref name="lastEventId"/> (sent as <c>Last-Event-ID</c>).
    /// </summary>
    public static async Task<ClusterAlertStream> OpenAsync(Uri address, CancellationToken cancellationToken, long? lastEventId = null)
    {
        var http = new HttpClient { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/alerts/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } resume)
        {
            request.Headers.Add("Last-Event-ID", resume.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new ClusterAlertStream(http, response, SseParser.Create(body).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken));
    }

    /// <summary>Reads until a change matches <paramref name="match"/>; fails when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<AlertChange> WaitForAsync(Func<AlertChange, bool> match, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (Received.FirstOrDefault(match) is { } seen)
        {
            return seen;
        }

        using var deadline = new CancellationTokenSource(timeout);
        var expired = Task.Delay(Timeout.Infinite, deadline.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        while (true)
        {
            var next = _events.MoveNextAsync().AsTask();
            if (await Task.WhenAny(next, expired) == expired)
            {
                Assert.Fail($"No matching alert change within {timeout}; received {string.Join(", ", Received.Select(c => $"{c.Sequence} {c.Change} {c.Alert.Account}"))}.");
            }

            Assert.True(await next, "The alert stream ended.");
            var change = JsonSerializer.Deserialize<AlertChange>(_events.Current.Data, MonitorClient.JsonOptions)!;
            Received.Add(change);
            if (match(change))
            {
                return change;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _response.Dispose();
        try
        {
            await _events.DisposeAsync();
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException or NotSupportedException)
        {
            // A pending read on a closed connection fails; the stream is closed either way.
        }

        _http.Dispose();
    }
}
