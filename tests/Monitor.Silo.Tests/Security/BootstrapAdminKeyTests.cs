using System.Net;
using Monitor.Abstractions.Access;
using Monitor.AccessControl;
using Monitor.Hosting.Cli;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Testing;
using Xunit;

namespace Monitor.Silo.Tests.Security;

/// <summary>
/// <c>Monitor:Security:BootstrapAdminKey</c>: how a containerised silo that listens beyond loopback gets its first admin key
/// (docker-compose.yml and deploy/k8s set it from a secret).
/// </summary>
public sealed class BootstrapAdminKeyTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const string Setting = "Monitor:Security:BootstrapAdminKey";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_non_loopback_silo_with_a_bootstrap_key_starts_closed_and_the_key_is_admin_across_restarts()
    {
        using var directory = new TemporaryDirectory();
        var key = ApiKeySecret.Generate().Key;

        for (var start = 0; start < 2; start++)
        {
            await using var app = SiloApp.Build(NonLoopbackOptions(directory, key));
            await app.StartAsync(Cancellation);
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{SiloApp.GetListeningAddress(app).Port}/") };
                using var anonymous = await http.GetAsync("api/auth/whoami", Cancellation);
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

                http.DefaultRequestHeaders.Authorization = new("Bearer", key);
                using var authorized = await http.GetAsync("api/auth/whoami", Cancellation);
                var who = await RunningSilo.ReadAsync<WhoAmI>(authorized);
                Assert.Equal(ApiKeyRoles.Admin, who.Role);
                Assert.Equal(KeyRing.BootstrapKeyName, who.Name);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
            }
        }

        var (keys, _, store) = KeysCommand.OpenStore(new SiloHostOptions().UseSqlite(directory.File("silo.db")));
        await using (store)
        {
            Assert.Single(await keys.ListAsync(Cancellation));
        }
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("mon_0123456789abcdef_short")]
    [InlineData("mon_0123456789ABCDEF_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("mon_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    public async Task A_malformed_bootstrap_key_stops_the_silo_from_starting(string malformed)
    {
        using var directory = new TemporaryDirectory();
        await using var app = SiloApp.Build(NonLoopbackOptions(directory, malformed));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Cancellation));

        Assert.Contains(Setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_bootstrap_key_stays_revoked_and_the_silo_refuses_to_start_beyond_loopback()
    {
        using var directory = new TemporaryDirectory();
        var key = ApiKeySecret.Generate().Key;
        ApiKeySecret.TryParse(key, out var id, out _);
        var loopback = new SiloHostOptions().UseSqlite(directory.File("silo.db"));
        loopback.Configuration[Setting] = key;
        string successor;
        await using (var silo = await RunningSilo.StartAsync(loopback))
        {
            // As the docs say: create a named admin key with the bootstrap key, then revoke the bootstrap key.
            using var create = new HttpRequestMessage(HttpMethod.Post, "api/keys") { Content = new StringContent("""{"role":"admin","name":"ops"}""", System.Text.Encoding.UTF8, "application/json") };
            create.Headers.Authorization = new("Bearer", key);
            using var created = await silo.Http.SendAsync(create, Cancellation);
            successor = (await RunningSilo.ReadAsync<CreatedApiKey>(created)).Details.Id;
            using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/keys/{id}");
            request.Headers.Authorization = new("Bearer", key);
            using var revoked = await silo.Http.SendAsync(request, Cancellation);
            Assert.True(revoked.IsSuccessStatusCode, $"DELETE api/keys/{id} answered {(int)revoked.StatusCode}");
        }

        // The last admin key goes too (offline, forced): only the bootstrap setting could bring an admin back, and it must not.
        var (keys, _, database) = KeysCommand.OpenStore(loopback);
        await using (database)
        {
            Assert.Equal(KeyRevocation.Revoked, (await keys.RevokeAsync(successor, force: true, Cancellation)).Outcome);
        }

        await using var app = SiloApp.Build(NonLoopbackOptions(directory, key));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Cancellation));

        Assert.StartsWith(AccessModeGuard.RefusalMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bootstrap_key_whose_id_is_stored_with_another_secret_stops_the_silo_from_starting()
    {
        using var directory = new TemporaryDirectory();
        var key = ApiKeySecret.Generate().Key;
        var impostor = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        await using (var first = SiloApp.Build(NonLoopbackOptions(directory, key)))
        {
            await first.StartAsync(Cancellation);
            await first.StopAsync(CancellationToken.None);
        }

        await using var app = SiloApp.Build(NonLoopbackOptions(directory, impostor));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Cancellation));

        Assert.Contains("another secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silos_starting_together_on_one_postgres_database_store_the_bootstrap_key_once()
    {
        var key = ApiKeySecret.Generate().Key;
        var options = new SiloHostOptions().UsePostgres(database.ConnectionString);
        options.Configuration[Setting] = key;
        var stores = Enumerable.Range(0, 3).Select(_ => KeysCommand.OpenStore(options)).ToList();
        try
        {
            // Open every store (and migrate the schema) first, so the three bootstraps really race.
            foreach (var (keys, _, _) in stores)
            {
                await keys.ListAsync(Cancellation);
            }

            var results = await Task.WhenAll(stores.Select(store => store.Keys.EnsureBootstrapAdminAsync(Cancellation)));

            Assert.Single(results, result => result is not null);
            var stored = Assert.Single(await stores[0].Keys.ListAsync(Cancellation));
            Assert.Equal(ApiKeyRoles.Admin, stored.Role);
            Assert.Equal(1, await stores[2].Keys.CountActiveAdminsAsync(Cancellation));
            Assert.Equal(KeyCheck.Valid, (await stores[1].Keys.VerifyAsync(key, Cancellation)).Check);
        }
        finally
        {
            foreach (var (_, _, store) in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    private static SiloHostOptions NonLoopbackOptions(TemporaryDirectory directory, string key)
    {
        var options = new SiloHostOptions { Urls = "http://0.0.0.0:0", QuietLogging = true }.UseSqlite(directory.File("silo.db"));
        options.Configuration[Setting] = key;
        options.Configuration[SiloHostOptions.CollectorsEnabledKey] = "false";
        return options;
    }
}
