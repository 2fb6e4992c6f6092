using System.Net.Sockets;
using System.Net;

namespace Monitor.Hosting.Cli;

/// <summary>
/// Before a silo starts: is a fixed port it is told to listen on already taken? Then one line says so, names the holder
/// if it can, and how to pick another port, instead of the host's failure and stack trace.
/// </summary>
public static class ListenPortCheck
{
    /// <summary>The message for the first taken address among <paramref name="urls"/> (';'-separated), or null when all are free.</summary>
    public static string? FindTaken(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryReadEndpoint(url, out var address, out var port) || port == 0 || IsFree(address, port))
            {
                continue;
            }

            var holder = PortHolder.Describe(port);
            return $"port {port} is taken{(holder is null ? "" : $" (by {holder})")}: stop that process, or pick another port with --urls http://127.0.0.1:{NextPort(port)}";
        }

        return null;
    }

    private static bool TryReadEndpoint(string url, out IPAddress address, out int port)
    {
        // Kestrel's wildcards (http://*:5080, http://+:5080) are not valid URIs; they listen on every address.
        var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        address = IPAddress.Loopback;
        port = 0;
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
        {
            return false;
        }

        port = uri.Port;
        address = uri.IsLoopback && !IPAddress.TryParse(uri.Host.Trim('[', ']'), out _) ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed
            : IPAddress.Any;
        return true;
    }

    private static bool IsFree(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen();
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // Not ours to judge (no such address on this machine, no permission): let the host report it.
            return true;
        }
    }

    private static int NextPort(int port) => port < IPEndPoint.MaxPort ? port + 1 : port - 1;
}
