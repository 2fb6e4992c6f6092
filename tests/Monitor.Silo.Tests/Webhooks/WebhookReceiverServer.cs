using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Testing;
using Monitor.Webhooks;
using Xunit;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>
/// A webhook receiver on a real Kestrel at 127.0.0.1 (port picked by the OS): verifies each request's signature with its
/// secret, records it, and answers 200, or a failure while told to fail (the next N requests, or all until told otherwise).
/// </summary>
public sealed class WebhookReceiverServer : IAsyncDisposable
{
    /// <summary>The secret the silo must sign with.</summary>
    public const string Secret = "loopback-receiver-secret-0123456789";

    private readonly WebApplication _app;
    private readonly ReceivedLog<ReceivedWebhook> _received = new();
    private int _failuresLeft;
    private bool _failAll;

    private WebhookReceiverServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The URL to configure as the receiver's.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The status failed requests are answered with.</summary>
    public int FailureStatus { get; set; } = StatusCodes.Status503ServiceUnavailable;

    /// <summary>Every request so far, in the order they arrived.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => _received.Items;

    /// <summary>Starts the receiver.</summary>
    public static async Task<WebhookReceiverServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new WebhookReceiverServer(app);
        app.MapPost("/hook", server.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(new Uri(address), "/hook");
        return server;
    }

    /// <summary>Answers the next <paramref name="count"/> requests with <see cref="FailureStatus"/>.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    /// <summary>Answers every request with <see cref="FailureStatus"/> while <paramref name="fail"/> is true.</summary>
    public void FailAll(bool fail) => Volatile.Write(ref _failAll, fail);

    /// <summary>Waits (up to <paramref name="timeout"/>) until <paramref name="condition"/> holds for the requests received; returns them.</summary>
    public Task<IReadOnlyList<ReceivedWebhook>> WaitUntilAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, TimeSpan timeout, string what) =>
        _received.WaitUntilAsync(
            condition,
            timeout,
            received => $"After {timeout} the receiver still waits for {what}; it got {received.Count} requests.",
            TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var valid = WebhookSignature.Verify(Secret, context.Request.Headers[WebhookSignature.SignatureHeader], body, out var signedAt);
        var fail = Volatile.Read(ref _failAll) || Interlocked.Decrement(ref _failuresLeft) >= 0;
        var status = !valid ? StatusCodes.Status401Unauthorized : fail ? FailureStatus : StatusCodes.Status200OK;
        var attempt = int.TryParse(context.Request.Headers[WebhookSignature.AttemptHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : 0;
        _received.Add(new ReceivedWebhook(DateTimeOffset.UtcNow, context.Request.Headers[WebhookSignature.DeliveryHeader], attempt, body, valid, signedAt, status));

        context.Response.StatusCode = status;
    }
}
