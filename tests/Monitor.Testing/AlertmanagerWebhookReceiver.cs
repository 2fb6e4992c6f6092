using System.Net;
using System.Text.Json;

namespace Monitor.Testing;

/// <summary>
/// A loopback HTTP endpoint for Alertmanager's webhook receiver: records every notification it is posted, answers 200,
/// and lets a test wait for a condition on what arrived.
/// </summary>
public sealed class AlertmanagerWebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ReceivedLog<AlertmanagerNotification> _received = new();
    private readonly Task _loop;

    private AlertmanagerWebhookReceiver(HttpListener listener, Uri url)
    {
        _listener = listener;
        Url = url;
        _loop = Task.Run(ListenAsync);
    }

    /// <summary>The URL to give Alertmanager as <c>webhook_configs[].url</c>.</summary>
    public Uri Url { get; }

    /// <summary>Every notification so far, in the order they arrived.</summary>
    public IReadOnlyList<AlertmanagerNotification> Received => _received.Items;

    /// <summary>Starts listening on a free loopback port.</summary>
    public static AlertmanagerWebhookReceiver Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}/alertmanager/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return new AlertmanagerWebhookReceiver(listener, url);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between the pick and the bind.
                listener.Close();
            }
        }
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) until <paramref name="condition"/> holds for the notifications received; returns them.</summary>
    public Task<IReadOnlyList<AlertmanagerNotification>> WaitUntilAsync(
        Func<IReadOnlyList<AlertmanagerNotification>, bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken) =>
        _received.WaitUntilAsync(
            condition,
            timeout,
            received => $"After {timeout} the Alertmanager receiver still waits for {what}; it got {received.Count} notifications: {JsonSerializer.Serialize(received)}",
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                var notification = await JsonSerializer.DeserializeAsync<AlertmanagerNotification>(context.Request.InputStream);
                _received.Add(notification!);

                context.Response.StatusCode = 200;
            }
            catch (JsonException)
            {
                context.Response.StatusCode = 400;
            }

            context.Response.Close();
        }
    }
}
