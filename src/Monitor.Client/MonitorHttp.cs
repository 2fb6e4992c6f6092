using System.Net.Http.Headers;

namespace Monitor.Client;

/// <summary>HTTP clients for a silo: its base address, the API key as a bearer token, and the client header.</summary>
public static class MonitorHttp
{
    /// <summary>The header naming the program that sends a request (the silo may require it on state-changing requests).</summary>
    public const string ClientHeader = Monitor.Abstractions.Http.ApiConventions.ClientHeader;

    /// <summary>
    /// An HTTP client for the silo at <paramref name="server"/> that sends <paramref name="apiKey"/> (if any) as
    /// <c>Authorization: Bearer</c> and <paramref name="clientName"/> in <see cref="ClientHeader"/>.
    /// </summary>
    public static HttpClient Create(Uri server, string? apiKey, string clientName, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var baseAddress = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add(ClientHeader, clientName);
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Trim());
        }

        return http;
    }
}
