using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Client;
using Monitor.Collectors.Hosting;
using Monitor.Collectors.Scheduling;
using Monitor.Collectors.Tests.Fakes;
using Monitor.Hosting;
using Orleans;
using Xunit;
using Monitor.Testing;

namespace Monitor.Collectors.Tests.Silo;

/// <summary>
/// A silo over a temp SQLite file whose X and Bluesky collectors poll fake platforms on loopback, stamping polls with a
/// manual clock that the test moves a day at a time (reminders are left to fire only daily, so each poll is the test's).
/// </summary>
public sealed class CollectorSilo : IAsyncDisposable
{
    private readonly TemporaryDirectory _folder;
    private readonly WebApplication _app;

    private CollectorSilo(TemporaryDirectory folder, WebApplication app, ManualClock clock, FakePlatformServer x, FakePlatformServer bluesky)
    {
        _folder = folder;
        _app = app;
        Clock = clock;
        X = x;
        Bluesky = bluesky;
        Http = new HttpClient { BaseAddress = SiloApp.GetListeningAddress(app), Timeout = TimeSpan.FromMinutes(2) };
        Http.DefaultRequestHeaders.Add(Monitor.AccessControl.CrossSiteRequestGuard.ClientHeader, "tests");
    }

    /// <summary>The setting that lets the collectors reach the loopback fakes (a test removes it to see the policy refuse).</summary>
    public const string LoopbackAllowedKey = "Monitor:Outbound:AllowedRanges:0";

    /// <summary>The collectors' clock.</summary>
    public ManualClock Clock { get; }

    /// <summary>The fake X API.</summary>
    public FakePlatformServer X { get; }

    /// <summary>The fake Bluesky AppView.</summary>
    public FakePlatformServer Bluesky { get; }

    /// <summary>A client for the silo's HTTP API.</summary>
    public HttpClient Http { get; }

    /// <summary>The grain factory of the silo.</summary>
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts the fakes and the silo; the clock starts at midnight <paramref name="daysAgo"/> days before today.</summary>
    public static async Task<CollectorSilo> StartAsync(int daysAgo, Action<Dictionary<string, string?>>? configure = null)
    {
        var clock = new ManualClock(new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-daysAgo));
        var x = await FakePlatformServer.StartAsync(clock);
        var bluesky = await FakePlatformServer.StartAsync(clock);
        var folder = new TemporaryDirectory();
        var options = new SiloHostOptions { Urls = "http://127.0.0.1:0", QuietLogging = true }.UseSqlite(folder.File("silo.db"));
        options.Configuration[SiloHostOptions.CollectorsEnabledKey] = "true";
        options.Configuration["Monitor:Collectors:TickPeriod"] = "1.00:00:00";
        options.Configuration["Monitor:Collectors:PollInterval"] = "1.00:00:00";
        options.Configuration["Monitor:Collectors:X:BaseUrl"] = x.Address.ToString();
        options.Configuration["Monitor:Collectors:X:BearerToken"] = "test-bearer-token";
        options.Configuration["Monitor:Collectors:X:RequestTimeout"] = "00:00:30";
        options.Configuration["Monitor:Collectors:Bluesky:BaseUrl"] = bluesky.Address.ToString();
        options.Configuration["Monitor:Collectors:Mastodon:Enabled"] = "false";

        // The fake platforms listen on loopback, which the outbound policy refuses unless allowed.
        options.Configuration[LoopbackAllowedKey] = "127.0.0.0/8";
        configure?.Invoke(options.Configuration);
        options.ConfigureServices = services => services.AddSingleton(new CollectorClock(clock));
        var app = SiloApp.Build(options);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new CollectorSilo(folder, app, clock, x, bluesky);
    }

    /// <summary>Registers an account through the API.</summary>
    public async Task RegisterAsync(string key, AccountProfile profile)
    {
        using var response = await Http.PutAsJsonAsync($"api/accounts/{Uri.EscapeDataString(key)}", profile, MonitorClient.JsonOptions, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"PUT {key} answered {(int)response.StatusCode}");
    }

    /// <summary>Polls X and Bluesky once at the clock's time, then moves the clock a day.</summary>
    public async Task PollDaysAsync(int days)
    {
        for (var day = 0; day < days; day++)
        {
            await Task.WhenAll(Collector("x").PollNowAsync(), Collector("bluesky").PollNowAsync());
            Clock.Advance(TimeSpan.FromDays(1));
        }
    }

    /// <summary>The collector grain of a platform.</summary>
    public IPlatformCollectorGrain Collector(string platform) => Grains.GetGrain<IPlatformCollectorGrain>(platform);

    /// <summary>GETs JSON from the API, asserting success.</summary>
    public async Task<T> GetAsync<T>(string path)
    {
        using var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return (await response.Content.ReadFromJsonAsync<T>(MonitorClient.JsonOptions, TestContext.Current.CancellationToken))!;
    }

    /// <summary>The alerts of one account and kind.</summary>
    public async Task<IReadOnlyList<AlertView>> AlertsAsync(string account, string kind) =>
        (await GetAsync<AlertPage>($"api/alerts?account={Uri.EscapeDataString(account)}&kind={kind}")).Items;

    public async ValueTask DisposeAsync()
    {
        X.ReleaseHangingRequests();
        Bluesky.ReleaseHangingRequests();
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await X.DisposeAsync();
        await Bluesky.DisposeAsync();
        _folder.Dispose();
    }
}
