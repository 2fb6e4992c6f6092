using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Collectors.Clients;
using Monitor.Collectors.Outbound;
using Monitor.Collectors.Scheduling;
using Monitor.Collectors.Telemetry;

namespace Monitor.Collectors.Hosting;

/// <summary>Registers the collectors: a typed client per platform, the collector grains, their startup and telemetry.</summary>
public static class CollectorServiceCollectionExtensions
{
    /// <summary>The public address of each platform's API (overridden by <see cref="PlatformOptions.BaseUrl"/>).</summary>
    public static string DefaultBaseUrl(Platform platform) => platform switch
    {
        Platform.X => "https://api.x.com/",
        Platform.Bluesky => "https://public.api.bsky.app/",
        Platform.YouTube => "https://www.googleapis.com/",
        Platform.Telegram => "https://api.telegram.org/",
        Platform.Instagram or Platform.Facebook => "https://graph.facebook.com/",
        Platform.TikTok => "https://open.tiktokapis.com/",
        _ => string.Empty,
    };

    /// <summary>
    /// Adds the collectors bound to <paramref name="section"/> (<c>Monitor:Collectors</c>). Needs an Orleans silo (its grains are found by Orleans) and an
    /// <see cref="Monitor.Abstractions.Accounts.IAccountDirectory"/> (both from <c>AddMonitorGrains</c>).
    /// </summary>
    public static IServiceCollection AddMonitorCollectors(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.Configure<CollectorOptions>(section);
        services.AddMetrics();
        services.TryAddSingleton<CollectorInstruments>();
        services.TryAddSingleton(provider => new CollectorClock(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IPolledAccounts, DirectoryPolledAccounts>();
        services.TryAddSingleton<IPollRecorder, GrainPollRecorder>();
        services.TryAddSingleton(provider => OutboundAddressPolicy.From(provider.GetService<IOptions<OutboundOptions>>()?.Value ?? new OutboundOptions()));
        services.AddHostedService<CollectorStartup>();

        AddClient(services, Platform.X, (http, options) => new XClient(http, options));
        AddClient(services, Platform.Bluesky, (http, options) => new BlueskyClient(http, options));
        AddClient(services, Platform.Mastodon, (http, options) => new MastodonClient(http, options));
        AddClient(services, Platform.YouTube, (http, options) => new YouTubeClient(http, options));
        AddClient(services, Platform.Telegram, (http, options) => new TelegramClient(http, options));
        AddClient(services, Platform.Instagram, (http, options) => new InstagramClient(http, options));
        AddClient(services, Platform.Facebook, (http, options) => new FacebookClient(http, options));
        AddClient(services, Platform.TikTok, (http, options) => new TikTokClient(http, options));
        return services;
    }

    private static void AddClient(IServiceCollection services, Platform platform, Func<HttpClient, PlatformOptions, IPlatformClient> create)
    {
        var name = "collector-" + platform.ToWireName();
        services.AddHttpClient(name, (provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<CollectorOptions>>().Value.For(platform);
                var baseUrl = string.IsNullOrWhiteSpace(options.BaseUrl) ? DefaultBaseUrl(platform) : options.BaseUrl;
                if (baseUrl.Length > 0 && !baseUrl.Contains("{server}", StringComparison.Ordinal))
                {
                    http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
                }

                http.Timeout = options.RequestTimeout;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("Monitor-Collector/1.0");
            })
            // Requests can carry credentials (Telegram's bot token, Graph and YouTube keys, TikTok's client secret): the client logs nothing.
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(provider => OutboundConnector.CreateHandler(provider.GetRequiredService<OutboundAddressPolicy>()));

        services.AddSingleton(provider => create(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(name),
            provider.GetRequiredService<IOptions<CollectorOptions>>().Value.For(platform)));
    }
}
