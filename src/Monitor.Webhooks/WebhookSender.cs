using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Monitor.Collectors.Outbound;
using Monitor.Telemetry;

namespace Monitor.Webhooks;

/// <summary>POSTs a delivery's body to its receiver, signed, with the idempotency id; one attempt, never throws for HTTP failures.</summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ServiceInstruments _instruments;

    /// <summary>Creates the sender with its own connection pool.</summary>
    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider time, ServiceInstruments instruments, OutboundAddressPolicy outbound)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _instruments = instruments;
        var handler = OutboundConnector.CreateHandler(outbound);
        handler.AllowAutoRedirect = false;
        _http = new HttpClient(handler) { Timeout = options.Value.RequestTimeout };
    }

    /// <summary>Sends attempt number <paramref name="attempt"/> (1-based) of <paramref name="delivery"/> to <paramref name="receiver"/>.</summary>
    public async Task<WebhookAttempt> SendAsync(WebhookReceiver receiver, WebhookDelivery delivery, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(delivery);
        using var activity = ServiceInstruments.ActivitySource.StartActivity("webhook deliver", ActivityKind.Client);
        activity?.SetTag("monitor.webhook.receiver", receiver.Id);
        activity?.SetTag("monitor.webhook.delivery", delivery.DeliveryId);
        activity?.SetTag("monitor.webhook.attempt", attempt);
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(receiver.Secret, _time.GetUtcNow().ToUnixTimeSeconds(), delivery.Body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.DeliveryId);
        request.Headers.Add(WebhookSignature.AttemptHeader, attempt.ToString(CultureInfo.InvariantCulture));

        var started = Stopwatch.GetTimestamp();
        WebhookAttempt outcome;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            outcome = new WebhookAttempt(status, response.IsSuccessStatusCode ? null : $"HTTP {status} {response.ReasonPhrase}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Never the exception's own text: it names addresses and ports, which would make the delivery history a port scanner.
            outcome = new WebhookAttempt(null, ex switch
            {
                TaskCanceledException => "timed out",
                _ when OutboundAddressRefusedException.IsCauseOf(ex) => OutboundAddressRefusedException.Reason,
                HttpRequestException http => $"connection failed ({http.HttpRequestError})",
                _ => "connection failed",
            });
        }

        _instruments.WebhookLatency.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new TagList { { "receiver", receiver.Id } });
        activity?.SetTag("http.response.status_code", outcome.Status);
        if (!outcome.Succeeded)
        {
            _instruments.WebhookFailures.Add(1, new TagList { { "receiver", receiver.Id } });
            activity?.SetStatus(ActivityStatusCode.Error, outcome.Error);
        }

        return outcome;
    }

    public void Dispose() => _http.Dispose();
}
