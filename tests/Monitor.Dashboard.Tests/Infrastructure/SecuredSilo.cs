using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Monitor.Abstractions.Access;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Entities;
using Monitor.Client;
using Monitor.Hosting;
using Monitor.Testing;
using Xunit;

namespace Monitor.Dashboard.Tests.Infrastructure;

/// <summary>
/// A small silo with access control on (no demo data): an admin, a writer and a reader key, two accounts with a day of
/// followers, and one entity owning the first of them. For what each role may see and do.
/// </summary>
public sealed class SecuredSilo : IAsyncLifetime
{
    /// <summary>The entity every test starts from.</summary>
    public const string EntityId = "office-of-the-secured-envoy";

    /// <summary>The account the entity owns, and one it does not.</summary>
    public static readonly (string Owned, string Free) Accounts = ("x:@secured_envoy", "x:@secured_free");

    private readonly TemporaryDirectory _directory = new("monitor-dashboard-secured-");
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private WebApplication? _app;

    /// <summary>The silo's base address.</summary>
    public Uri Address { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var options = new SiloHostOptions { Urls = "http://127.0.0.1:0", QuietLogging = true }.UseSqlite(_directory.File("secured.db"));
        options.Configuration[SiloHostOptions.CollectorsEnabledKey] = "false";
        _app = SiloApp.Build(options);
        await _app.StartAsync();
        Address = SiloApp.GetListeningAddress(_app);

        // The first key must be an admin key, and creating it turns access control on.
        _keys[ApiKeyRoles.Admin] = await CreateKeyAsync(null, ApiKeyRoles.Admin);
        foreach (var role in new[] { ApiKeyRoles.Writer, ApiKeyRoles.Reader })
        {
            _keys[role] = await CreateKeyAsync(_keys[ApiKeyRoles.Admin], role);
        }

        using var admin = Http(ApiKeyRoles.Admin);
        var client = new MonitorClient(admin);
        var day = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);
        foreach (var (key, followers) in new[] { (Accounts.Owned, 70_000L), (Accounts.Free, 30_000L) })
        {
            await client.PutAccountAsync(key, new AccountProfile(key.Split('@')[1], $"Secured test account {key}", ["secured"]));
            var result = await client.PostObservationsAsync([new ObservationInput(key, day, followers, null, null, "dashboard-test")]);
            Assert.Empty(result.Rejected);
        }

        await client.CreateEntityAsync(new CreateEntityRequest("Office of the Secured Envoy", EntityId, "office", [Accounts.Owned]));
    }

    /// <summary>The API key of <paramref name="role"/> (admin, writer or reader).</summary>
    public string KeyOf(string role) => _keys[role];

    /// <summary>An HTTP client sending <paramref name="role"/>'s key, as the dashboard does.</summary>
    public HttpClient Http(string role)
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(1) };
        http.DefaultRequestHeaders.Add(Monitor.AccessControl.CrossSiteRequestGuard.ClientHeader, "tests");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _keys[role]);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _directory.Dispose();
    }

    private async Task<string> CreateKeyAsync(string? adminKey, string role)
    {
        using var http = new HttpClient { BaseAddress = Address };
        http.DefaultRequestHeaders.Add(Monitor.AccessControl.CrossSiteRequestGuard.ClientHeader, "tests");
        if (adminKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        }

        using var response = await http.PostAsJsonAsync("api/keys", new CreateApiKeyRequest(role, $"dashboard test {role}"), MonitorClient.JsonOptions);
        Assert.True(response.IsSuccessStatusCode, $"Creating the {role} key answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var created = await response.Content.ReadFromJsonAsync<CreatedApiKey>(MonitorClient.JsonOptions);
        return created!.Key;
    }
}
