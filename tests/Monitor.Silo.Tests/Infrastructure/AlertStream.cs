using System.Globalization;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Monitor.Abstractions.Alerts;
using Xunit;

namespace Monitor.Silo.Tests.Infrastructure;

/// <summary>An open <c>/api/alerts/stream</c> connection read with the framework's SSE parser; events are awaited with a deadline, never slept for.</summary>
public sealed class AlertStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;
    private readonly CancellationTokenSource _closed = new();

    private AlertStream(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events)
    {
        _response = response;
        _events = events;
    }

    /// <summary>The response headers (content type and caching).</summary>
    public HttpResponseMessage Response => _response;

    /// <summary>Every event read so far, in order.</summary>
    public List<SseItem<AlertChange>> Received { get; } = [];

    /// <summary>Opens the stream; <paramref name="lastEventId"/> goes in the Last-Event-ID header, <paramref name="after"/> in the query.</summary>
    public static async Task<AlertStream> OpenAsync(HttpClient http, string? lastEventId = null, long? after = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var path = after is { } a ? $"api/alerts/stream?after={a.ToString(CultureInfo.InvariantCulture)}" : "api/alerts/stream";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();
        return new AlertStream(response, events);
    }

    /// <summary>Reads (and keeps) events until the server ends the stream; fails when it is still open after <paramref name="timeout"/>.</summary>
    public async Task WaitForEndAsync(TimeSpan timeout)
    {
        var deadline = Task.Delay(timeout, TestContext.Current.CancellationToken);
        while (true)
        {
            var next = _events.MoveNextAsync().AsTask();
            if (await Task.WhenAny(next, deadline) == deadline)
            {
                Assert.Fail($"The alert stream was still open after {timeout}.");
            }

            if (!await next)
            {
                return;
            }
        }
    }

    /// <summary>Reads events until one matches <paramref name="match"/>; fails when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<SseItem<AlertChange>> WaitForAsync(Func<SseItem<AlertChange>, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var existing = Received.FirstOrDefault(match);
        if (existing.Data is not null)
        {
            return existing;
        }

        var deadline = Task.Delay(timeout ?? TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        while (true)
        {
            var next = _events.MoveNextAsync().AsTask();
            if (await Task.WhenAny(next, deadline) == deadline)
            {
                var seen = string.Join("; ", Received.Select(item => $"{item.EventId} {item.EventType} {item.Data.Alert.Account} {item.Data.Alert.Kind} {item.Data.Alert.Status}"));
                Assert.Fail($"No matching alert change arrived on the stream within {timeout ?? TimeSpan.FromSeconds(30)}. Received: {seen}");
            }

            Assert.True(await next, "The alert stream ended before a matching change arrived.");
            var raw = _events.Current;
            var item = new SseItem<AlertChange>(JsonSerializer.Deserialize<AlertChange>(raw.Data, RunningSilo.Json)!, raw.EventType)
            {
                EventId = raw.EventId,
            };
            Received.Add(item);
            if (match(item))
            {
                return item;
            }
        }
    }

    /// <summary>Closes the connection (the server sees the client go away).</summary>
    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        _response.Dispose();
        try
        {
            await _events.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or NotSupportedException or InvalidOperationException)
        {
            // A pending read on a disposed connection fails; the stream is closed either way.
        }

        _closed.Dispose();
    }
}
