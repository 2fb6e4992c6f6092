using System.CommandLine;
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
    };

    /// <summary>An HTTP client for the silo at <paramref name="server"/>.</summary>
    public static HttpClient CreateHttpClient(Uri server, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var baseAddress = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        return new HttpClient { BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromMinutes(5) };
    }
}
