using Monitor.Collectors.Hosting;
using Monitor.Collectors.Tests.Fakes;

namespace Monitor.Collectors.Tests.Clients;

/// <summary>An HTTP client pointed at a fake platform, with a short timeout so a hanging server fails fast.</summary>
public static class ClientHarness
{
    /// <summary>The instant the client tests run at.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    /// <summary>An HTTP client for <paramref name="server"/>.</summary>
    public static HttpClient Http(FakePlatformServer server, TimeSpan? timeout = null) =>
        new() { BaseAddress = server.Address, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    /// <summary>Options with every credential set to a recognisable value.</summary>
    public static PlatformOptions Options(FakePlatformServer server) => new()
    {
        BaseUrl = server.Address.ToString(),
        BearerToken = "x-bearer-secret",
        ApiKey = "yt-key-secret",
        BotToken = "123:tg-secret",
        AccessToken = "graph-secret",
        InstagramUserId = "17841405309211844",
        ClientKey = "tt-client-key",
        ClientSecret = "tt-client-secret",
    };
}
