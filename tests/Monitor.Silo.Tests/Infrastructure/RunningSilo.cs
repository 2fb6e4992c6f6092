using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Monitor.Abstractions.Accounts;
using Monitor.Client;
using Monitor.Hosting;
using Xunit;

namespace Monitor.Silo.Tests.Infrastructure;

/// <summary>A silo started in this process on a real Kestrel at 127.0.0.1:0, with an HTTP client pointed at it.</summary>
public sealed class RunningSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningSilo(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        Http.DefaultRequestHeaders.Add(Monitor.AccessControl.CrossSiteRequestGuard.ClientHeader, "tests");
        Client = new MonitorClient(Http);
    }

    /// <summary>The address the silo listens on (with its real port).</summary>
    public Uri Address { get; }

    /// <summary>A raw HTTP client for the silo, for asserting statuses and media types.</summary>
    public HttpClient Http { get; }

    /// <summary>The silo's services (for observing its internals, e.g. stream subscribers).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The typed client the command line uses.</summary>
    public MonitorClient Client { get; }

    /// <summary>The JSON options of the API.</summary>
    public static JsonSerializerOptions Json => MonitorClient.JsonOptions;

    /// <summary>Starts a silo with <paramref name="options"/> (its URL is forced to 127.0.0.1:0).</summary>
    public static async Task<RunningSilo> StartAsync(SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Urls = "http://127.0.0.1:0";
        options.QuietLogging = true;

        // No test silo polls the real platforms (the collector tests point them at loopback fakes and turn them on).
        options.Configuration.TryAdd(SiloHostOptions.CollectorsEnabledKey, "false");
        var app = SiloApp.Build(options);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningSilo(app, SiloApp.GetListeningAddress(app));
    }

    /// <summary>Registers an account with the given groups.</summary>
    public Task RegisterAsync(string key, params string[] groups) =>
        Client.PutAccountAsync(key, new AccountProfile(Handle: key.Split(':', 2)[1], Groups: groups), TestContext.Current.CancellationToken);

    /// <summary>Posts observations as a JSON array and returns the response (the caller asserts on it).</summary>
    public Task<HttpResponseMessage> PostObservationsAsync(IEnumerable<ObservationInput> observations) =>
        Http.PostAsJsonAsync("api/observations", observations, Json, TestContext.Current.CancellationToken);

    /// <summary>Posts observations in batches, asserting that each was answered 200 without rejections.</summary>
    public async Task ReplayAsync(IReadOnlyList<ObservationInput> observations, int batchSize = 500)
    {
        foreach (var batch in observations.Chunk(batchSize))
        {
            var result = await Client.PostObservationsAsync(batch, TestContext.Current.CancellationToken);
            Assert.Empty(result.Rejected);
        }
    }

    /// <summary>Reads a JSON response body.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return await response.Content.ReadFromJsonAsync<T>(Json, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered an empty body.");
    }

    /// <summary>GETs and deserialises, asserting success.</summary>
    public async Task<T> GetAsync<T>(string path)
    {
        using var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await ReadAsync<T>(response);
    }

    /// <summary>Stops the silo gracefully (grains deactivate) and releases the client.</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
