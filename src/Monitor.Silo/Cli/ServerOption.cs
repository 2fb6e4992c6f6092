using System.CommandLine;
using System.CommandLine.Parsing;
using Monitor.Silo.Hosting;

namespace Monitor.Silo.Cli;

/// <summary>The <c>--server</c> option of client commands, and the HTTP client it leads to.</summary>
public static class ServerOption
{
    /// <summary>Creates the option.</summary>
    public static Option<Uri> Create() => new("--server")
    {
        Description = "Base address of a running silo.",
        DefaultValueFactory = _ => new Uri(SiloApp.DefaultUrls),
        CustomParser = ParseAddress,
    };

    /// <summary>Parses an absolute http(s) address, reporting anything else as a parse error that names the value.</summary>
    public static Uri ParseAddress(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var address) && address.Scheme is "http" or "https")
        {
            return address;
        }

        result.AddError($"--server '{text}' is not an absolute http:// or https:// address.");
        return new Uri(SiloApp.DefaultUrls);
    }

    /// <summary>The environment variable holding the API key client commands send.</summary>
    public const string ApiKeyVariable = "MONITOR_API_KEY";

    /// <summary>An HTTP client for the silo at <paramref name="server"/>, sending the key in <c>MONITOR_API_KEY</c> if set.</summary>
    public static HttpClient CreateHttpClient(Uri server, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var baseAddress = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add(Security.CrossSiteRequestGuard.ClientHeader, "monitor-cli");
        if (Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }
}
