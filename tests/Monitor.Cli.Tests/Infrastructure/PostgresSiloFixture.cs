using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Monitor.Client;
using Monitor.Hosting;
using Monitor.Testing;
using Xunit;

namespace Monitor.Cli.Tests.Infrastructure;

/// <summary>
/// A silo for one test class, started in this process on 127.0.0.1 with a port it picks, over a fresh database on the
/// test kit's throw-away PostgreSQL server; in open trial mode (no keys) until a test creates one.
/// </summary>
public sealed class PostgresSiloFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private PostgresServer? _server;
    private string? _connectionString;

    /// <summary>The silo's address.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>A plain HTTP client for the silo (no key), for reading what the command line stored.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The typed client over <see cref="Http"/>.</summary>
    public MonitorClient Client => new(Http);

    public async ValueTask InitializeAsync()
    {
        _server = await PostgresServer.GetSharedAsync();
        _connectionString = await _server.CreateDatabaseAsync("cli");
        var options = new SiloHostOptions { Urls = "http://127.0.0.1:0", QuietLogging = true }.UsePostgres(_connectionString);
        options.Configuration[SiloHostOptions.CollectorsEnabledKey] = "false";
        _app = SiloApp.Build(options);
        await _app.StartAsync();
        Address = SiloApp.GetListeningAddress(_app);
        Http = MonitorHttp.Create(Address, apiKey: null, clientName: "cli-tests");
    }

    /// <summary>GETs and deserialises, failing the test with the body when the silo does not answer 2xx.</summary>
    public async Task<T> GetAsync<T>(string path, HttpClient? http = null)
    {
        using var response = await (http ?? Http).GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return (await response.Content.ReadFromJsonAsync<T>(MonitorClient.JsonOptions, TestContext.Current.CancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        if (_server is not null && _connectionString is not null)
        {
            await _server.DropDatabaseAsync(_connectionString);
        }
    }
}
