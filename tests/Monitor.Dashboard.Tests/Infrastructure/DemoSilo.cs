using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Client;
using Monitor.Demo;
using Monitor.Hosting.Cli;
using Monitor.Hosting;
using Monitor.Testing;
using Monitor.Import;
using Orleans;
using Xunit;

namespace Monitor.Dashboard.Tests.Infrastructure;

/// <summary>
/// The demo silo for every test of the assembly: started in this process on 127.0.0.1:0 over a temp SQLite file, the demo
/// scenario replayed into it (seed accounts, synthetic history, the 2020 surge of @presidentaz), and a headless Chromium.
/// </summary>
public sealed class DemoSilo : IAsyncLifetime
{
    private const int DaysPerBatch = 60;

    private readonly TemporaryDirectory _directory = new("monitor-dashboard-tests-");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    /// <summary>The silo's base address (with its real port).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>A client for the silo's API, to set up data and check what the page did.</summary>
    public MonitorClient Client { get; private set; } = null!;

    /// <summary>A raw HTTP client for the silo.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The headless Chromium every test opens its pages in.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The demo's accounts.</summary>
    public DemoScenario Scenario { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Fail first, with the instruction, when the browser is missing: replaying the demo would only delay the message.
        var chromium = Chromium.Locate();
        var options = new SiloHostOptions { Urls = "http://127.0.0.1:0", QuietLogging = true }.UseSqlite(_directory.File("demo.db"));

        options.Configuration["Monitor:AlertStream:HeartbeatInterval"] = "00:00:01";
        _app = SiloApp.Build(options);
        await _app.StartAsync();
        Address = SiloApp.GetListeningAddress(_app);
        Http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        Http.DefaultRequestHeaders.Add(Monitor.AccessControl.CrossSiteRequestGuard.ClientHeader, "tests");
        Client = new MonitorClient(Http);
        Scenario = await ReplayDemoAsync();

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>A fresh browser page (its own session storage) at 1400x900, with console errors collected.</summary>
    public async Task<DashboardPage> OpenPageAsync(int width = 1400, int height = 900, string? colorScheme = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new DashboardPage(context, page);
    }

    /// <summary>
    /// A fresh page at 1400x900 on another silo (<paramref name="address"/>), signed in with <paramref name="apiKey"/> from
    /// the start: the key is in session storage before the dashboard's script runs, as after the sign-in dialog.
    /// </summary>
    public async Task<DashboardPage> OpenSignedInPageAsync(Uri address, string apiKey)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            ColorScheme = ColorScheme.Light,
        });
        context.SetDefaultTimeout(30_000);
        await context.AddInitScriptAsync($"sessionStorage.setItem('monitor.apiKey', {System.Text.Json.JsonSerializer.Serialize(apiKey)});");
        var page = await context.NewPageAsync();
        return new DashboardPage(context, page);
    }

    /// <summary>Registers an account with the given groups.</summary>
    public Task RegisterAsync(string key, string handle, params string[] groups) =>
        Client.PutAccountAsync(key, new AccountProfile(handle, $"Test account {handle}", groups), TestContext.Current.CancellationToken);

    /// <summary>Posts observations, asserting none was rejected.</summary>
    public async Task PostAsync(IReadOnlyList<ObservationInput> observations)
    {
        using var response = await Http.PostAsJsonAsync("api/observations", observations, MonitorClient.JsonOptions, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"POST api/observations answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    /// <summary>Records a collector's poll of <paramref name="key"/> on its grain, as a collector of the silo does.</summary>
    public Task RecordPollOutcomeAsync(string key, PollOutcome outcome) =>
        _app!.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(key).RecordPollOutcomeAsync(outcome);

    /// <summary>The alert as the API reports it now.</summary>
    public async Task<AlertView> GetAlertAsync(string id)
    {
        var alert = await Http.GetFromJsonAsync<AlertView>($"api/alerts/{Uri.EscapeDataString(id)}", MonitorClient.JsonOptions, TestContext.Current.CancellationToken);
        return alert ?? throw new InvalidOperationException($"The API has no alert {id}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _directory.Dispose();
    }

    private async Task<DemoScenario> ReplayDemoAsync()
    {
        var rows = new List<SeedRow>();
        using (var reader = new StreamReader(DemoRunner.DefaultSeedPath))
        {
            await foreach (var record in ObservationCsvReader.ReadAsync(reader, DemoScenario.Source))
            {
                rows.Add(record.Seed ?? throw new InvalidOperationException($"Seed line {record.Line} is not in the seed format."));
            }
        }

        var scenario = DemoScenario.FromSeed(rows);
        foreach (var account in scenario.Accounts)
        {
            await Client.PutAccountAsync(account.Key, account.Profile);
        }

        await DemoRunner.CreateEntitiesAsync(Client, scenario);

        var batch = new List<ObservationInput>();
        var days = 0;
        foreach (var day in scenario.DaysInOrder())
        {
            batch.AddRange(day);
            if (++days % DaysPerBatch == 0)
            {
                await PostBatchAsync(batch);
            }
        }

        await PostBatchAsync(batch);
        await WaitForSurgeAlertAsync();
        return scenario;
    }

    private async Task PostBatchAsync(List<ObservationInput> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var result = await Client.PostObservationsAsync(batch);
        if (result.Rejected.Count > 0)
        {
            throw new InvalidOperationException($"The silo rejected {result.Rejected.Count} demo observations, first: {result.Rejected[0].Reason}");
        }

        batch.Clear();
    }

    // Alerts reach the hub through the per-silo router a moment after the batch is acknowledged.
    private async Task WaitForSurgeAlertAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await Client.QueryAlertsAsync("kind=surge&account=x:@presidentaz&limit=10");
            if (page.Items.Count > 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The demo replay raised no surge alert on x:@presidentaz within 60 s.");
            }

            await Task.Delay(200);
        }
    }
}
