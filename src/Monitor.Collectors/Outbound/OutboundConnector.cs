using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Monitor.Collectors.Outbound;

/// <summary>
/// The HTTP handler of the silo's outbound requests: it resolves the host itself and connects only to the addresses the
/// <see cref="OutboundAddressPolicy"/> allows, at connect time, so a host name that resolves differently later (DNS
/// rebinding) or a redirect cannot reach an address a check of the URL alone would have refused.
/// </summary>
public static class OutboundConnector
{
    /// <summary>A handler whose every connection passes <paramref name="policy"/>.</summary>
    public static SocketsHttpHandler CreateHandler(OutboundAddressPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),

            // Through a proxy the policy would only see the proxy's address.
            UseProxy = false,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context.DnsEndPoint, cancellationToken),
        };
    }

    private static async ValueTask<Stream> ConnectAsync(OutboundAddressPolicy policy, DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var host = endpoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(policy.IsAllowed).ToArray();
        if (allowed.Length == 0)
        {
            throw new OutboundAddressRefusedException(endpoint.Host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
