using System.Net;

namespace Monitor.AccessControl;

/// <summary>Whether the addresses the silo listens on are all loopback (what decides whether open trial mode is allowed).</summary>
public static class ListenAddresses
{
    /// <summary>
    /// True when every URL in <paramref name="urls"/> (semicolon-separated) names <c>localhost</c> or a loopback IP;
    /// wildcards (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) and host names count as reachable from elsewhere.
    /// </summary>
    public static bool AreLoopbackOnly(IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var any = false;
        foreach (var url in urls.SelectMany(text => text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            any = true;
            if (!IsLoopback(url))
            {
                return false;
            }
        }

        return any;
    }

    /// <summary>True when the host of <paramref name="url"/> is <c>localhost</c> or a loopback IP address.</summary>
    public static bool IsLoopback(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var rest = scheme >= 0 ? url[(scheme + 3)..] : url;
        string host;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? rest[1..close] : rest;
        }
        else
        {
            var end = rest.IndexOfAny([':', '/']);
            host = end >= 0 ? rest[..end] : rest;
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
