using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Monitor.Runtime.Activation;
using Monitor.Runtime.Clustering;

namespace Monitor.Runtime.Messaging;

/// <summary>
/// The owner's side of a forwarded call: checks the cluster secret (constant time), answers 421 when this silo does not
/// serve the grain's partition, otherwise runs the call on the local catalog within the caller's remaining time.
/// </summary>
public sealed class GrainCallReceiver
{
    private readonly Catalog _catalog;
    private readonly PartitionFence _fence;
    private readonly byte[] _secret;

    internal GrainCallReceiver(Catalog catalog, PartitionFence fence, IOptions<ClusterOptions> options)
    {
        _catalog = catalog;
        _fence = fence;
        _secret = Encoding.UTF8.GetBytes(options.Value.ClusterSecret);
    }

    /// <summary>The path the internal endpoint maps (POST).</summary>
    public static string Path => GrainCallWire.CallPath;

    /// <summary>Handles one forwarded call.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var presented = Encoding.UTF8.GetBytes(context.Request.Headers[GrainCallWire.SecretHeader].ToString());
        if (_secret.Length == 0 || !CryptographicOperations.FixedTimeEquals(presented, _secret))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var grainId = new GrainId(root.GetProperty("grainType").GetString()!, root.GetProperty("key").GetString()!);
            var method = GrainCallWire.FindMethod(root.GetProperty("interface").GetString()!, root.GetProperty("method").GetString()!);
            if (method is null)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            if (!_fence.Serves(_fence.PartitionOf(grainId.Key)))
            {
                context.Response.StatusCode = GrainCallWire.MovedStatus;
                return;
            }

            var timeout = long.TryParse(context.Request.Headers[GrainCallWire.TimeoutHeader].ToString(), out var ms) && ms > 0
                ? TimeSpan.FromMilliseconds(ms)
                : TimeSpan.FromSeconds(30);
            try
            {
                var arguments = GrainCallWire.ReadArguments(root.GetProperty("arguments"), method);
                var result = await method.ResultOf(_catalog.Invoke(grainId, method, arguments)).WaitAsync(timeout).ConfigureAwait(false);
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json";
                await JsonSerializer.SerializeAsync(context.Response.Body, result, method.ResultType ?? typeof(object), GrainCallWire.Json).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                context.Response.StatusCode = exception is PartitionFencedException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(GrainCallWire.WriteError(exception)).ConfigureAwait(false);
            }
        }
    }
}
