using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Monitor.Abstractions.Alerts;

namespace Monitor.Api;

/// <summary>
/// Writes alert changes as Server-Sent Events. <c>TypedResults.ServerSentEvents</c> cannot write comment lines, which the
/// heartbeat needs, so this result frames events itself in the same wire format (id, event, one data line of JSON).
/// Before each event and heartbeat it asks <paramref name="stillAllowed"/> whether the caller's credential still holds
/// (a revoked or expired key, or open mode that ended) and ends the stream when it does not.
/// </summary>
public sealed class AlertStreamResult(
    IAlertChangeFeed feed,
    long? afterSequence,
    TimeSpan heartbeatInterval,
    JsonSerializerOptions json,
    Func<CancellationToken, ValueTask<bool>> stillAllowed,
    CancellationToken stopping) : IResult
{
    private static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();
    private static readonly byte[] Revoked = ": the credential of this stream was revoked or expired; reconnect with a valid API key\n\n"u8.ToArray();

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, stopping);
        var cancellationToken = linked.Token;
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentEncoding = "identity";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var changes = feed.SubscribeAsync(afterSequence, cancellationToken).GetAsyncEnumerator(cancellationToken);

        // Subscribe before the client sees the response start, so nothing published after that moment is missed.
        var next = changes.MoveNextAsync().AsTask();
        var instruments = httpContext.RequestServices.GetService<Telemetry.ServiceInstruments>();
        instruments?.StreamClients.Add(1);
        try
        {
            await response.StartAsync(cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            while (true)
            {
                var heartbeat = Task.Delay(heartbeatInterval, cancellationToken);
                var ready = await Task.WhenAny(next, heartbeat);
                cancellationToken.ThrowIfCancellationRequested();
                if (!await stillAllowed(cancellationToken))
                {
                    await response.Body.WriteAsync(Revoked, cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    return;
                }

                if (ready != next)
                {
                    await response.Body.WriteAsync(Heartbeat, cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    continue;
                }

                if (!await next)
                {
                    return;
                }

                await response.Body.WriteAsync(Frame(changes.Current), cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                next = changes.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away or the silo is stopping: the stream simply ends.
        }
        finally
        {
            instruments?.StreamClients.Add(-1);

            // An async iterator cannot be disposed while a MoveNextAsync is pending; the cancelled token ends that call.
            await linked.CancelAsync();
            await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            await changes.DisposeAsync();
        }
    }

    private byte[] Frame(AlertChange change)
    {
        var frame = new StringBuilder()
            .Append("id: ").Append(change.Sequence).Append('\n')
            .Append("event: ").Append(change.Change).Append('\n')
            .Append("data: ").Append(JsonSerializer.Serialize(change, json)).Append("\n\n");
        return Encoding.UTF8.GetBytes(frame.ToString());
    }
}
