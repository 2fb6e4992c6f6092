using System.Net;
using Monitor.Abstractions.Access;
using Monitor.AccessControl;
using Monitor.Hosting.Cli;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Security;

/// <summary>Open trial mode: only on loopback with no key; on any other address the silo needs an admin key to start.</summary>
public sealed class OpenTrialModeTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://127.0.0.1:5080;http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://monitor.example.org:5080", false)]
    [InlineData("http://127.0.0.1:5080;http://10.1.2.3:5080", false)]
    public void Only_loopback_addresses_count_as_loopback(string urls, bool loopback)
    {
        Assert.Equal(loopback, ListenAddresses.AreLoopbackOnly([urls]));
    }

    [Fact]
    public async Task A_loopback_silo_without_keys_is_open_until_the_first_key_exists()
    {
        using var directory = new TemporaryDirectory();
        await using var silo = await RunningSilo.StartAsync(new SiloHostOptions().UseSqlite(directory.File("silo.db")));

        var open = await silo.GetAsync<WhoAmI>("api/auth/whoami");
        Assert.Equal(new WhoAmI(ApiKeyRoles.Admin, null, null, true), open);

        using var created = await silo.Http.PostAsync("api/keys", Json("""{"role":"admin","name":"first"}"""), Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await RunningSilo.ReadAsync<CreatedApiKey>(created);

        using var anonymous = await silo.Http.GetAsync("api/auth/whoami", Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/auth/whoami");
        request.Headers.Authorization = new("Bearer", key.Key);
        using var authorized = await silo.Http.SendAsync(request, Cancellation);
        var who = await RunningSilo.ReadAsync<WhoAmI>(authorized);
        Assert.Equal(new WhoAmI(ApiKeyRoles.Admin, key.Details.Id, "first", false), who);
    }

    [Fact]
    public async Task A_silo_on_a_non_loopback_address_without_an_admin_key_refuses_to_start()
    {
        using var directory = new TemporaryDirectory();
        var options = new SiloHostOptions { Urls = "http://0.0.0.0:0", QuietLogging = true }.UseSqlite(directory.File("silo.db"));
        await using var app = SiloApp.Build(options);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Cancellation));

        Assert.StartsWith(AccessModeGuard.RefusalMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_key_alone_does_not_let_a_non_loopback_silo_start()
    {
        using var directory = new TemporaryDirectory();
        var options = new SiloHostOptions { Urls = "http://0.0.0.0:0", QuietLogging = true }.UseSqlite(directory.File("silo.db"));
        var (keys, _, database) = KeysCommand.OpenStore(options);
        await using (database)
        {
            var admin = await keys.CreateAsync(ApiKeyRoles.Admin, "first", null, Cancellation);
            await keys.CreateAsync(ApiKeyRoles.Reader, "reader only", null, Cancellation);
            Assert.Equal(KeyRevocation.Revoked, (await keys.RevokeAsync(admin.Details.Id, force: true, Cancellation)).Outcome);
        }

        await using var app = SiloApp.Build(options);
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Cancellation));
    }

    [Fact]
    public async Task An_admin_key_created_offline_lets_a_non_loopback_silo_start_closed()
    {
        using var directory = new TemporaryDirectory();
        var options = new SiloHostOptions { Urls = "http://0.0.0.0:0", QuietLogging = true }.UseSqlite(directory.File("silo.db"));
        var (keys, _, database) = KeysCommand.OpenStore(options);
        CreatedApiKey admin;
        await using (database)
        {
            admin = await keys.CreateAsync(ApiKeyRoles.Admin, "ops", null, Cancellation);
        }

        await using var app = SiloApp.Build(options);
        await app.StartAsync(Cancellation);
        try
        {
            var port = SiloApp.GetListeningAddress(app).Port;
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            using var anonymous = await http.GetAsync("api/accounts", Cancellation);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            http.DefaultRequestHeaders.Authorization = new("Bearer", admin.Key);
            using var authorized = await http.GetAsync("api/accounts", Cancellation);
            Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Open_mode_does_not_return_after_the_last_key_is_revoked_offline_and_the_silo_restarts()
    {
        using var directory = new TemporaryDirectory();
        var options = new SiloHostOptions().UseSqlite(directory.File("silo.db"));
        CreatedApiKey admin;
        await using (var silo = await RunningSilo.StartAsync(options))
        {
            using var created = await silo.Http.PostAsync("api/keys", Json("""{"role":"admin","name":"only"}"""), Cancellation);
            admin = await RunningSilo.ReadAsync<CreatedApiKey>(created);
        }

        var (keys, _, database) = KeysCommand.OpenStore(options);
        await using (database)
        {
            Assert.Equal(KeyRevocation.LastAdmin, (await keys.RevokeAsync(admin.Details.Id, force: false, Cancellation)).Outcome);
            Assert.Equal(KeyRevocation.Revoked, (await keys.RevokeAsync(admin.Details.Id, force: true, Cancellation)).Outcome);
        }

        await using var restarted = await RunningSilo.StartAsync(options);
        using var whoami = await restarted.Http.GetAsync("api/auth/whoami", Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, whoami.StatusCode);
        using var mint = await restarted.Http.PostAsync("api/keys", Json("""{"role":"admin"}"""), Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, mint.StatusCode);
    }

    [Fact]
    public async Task The_last_admin_key_cannot_be_revoked_through_the_api_and_open_mode_stays_off()
    {
        using var directory = new TemporaryDirectory();
        await using var silo = await RunningSilo.StartAsync(new SiloHostOptions().UseSqlite(directory.File("silo.db")));
        using var created = await silo.Http.PostAsync("api/keys", Json("""{"role":"admin","name":"only"}"""), Cancellation);
        var admin = await RunningSilo.ReadAsync<CreatedApiKey>(created);

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, $"api/keys/{admin.Details.Id}");
        revoke.Headers.Authorization = new("Bearer", admin.Key);
        using var refused = await silo.Http.SendAsync(revoke, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("last active admin key", await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        using var anonymous = await silo.Http.GetAsync("api/auth/whoami", Cancellation);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var whoami = new HttpRequestMessage(HttpMethod.Get, "api/auth/whoami");
        whoami.Headers.Authorization = new("Bearer", admin.Key);
        using var stillWorks = await silo.Http.SendAsync(whoami, Cancellation);
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
    }

    [Fact]
    public async Task The_first_key_created_in_open_mode_must_be_an_admin_key()
    {
        using var directory = new TemporaryDirectory();
        await using var silo = await RunningSilo.StartAsync(new SiloHostOptions().UseSqlite(directory.File("silo.db")));

        using var reader = await silo.Http.PostAsync("api/keys", Json("""{"role":"reader","name":"dashboard"}"""), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, reader.StatusCode);
        Assert.Contains("must be admin for the first key", await reader.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(new WhoAmI(ApiKeyRoles.Admin, null, null, true), await silo.GetAsync<WhoAmI>("api/auth/whoami"));
    }

    [Fact]
    public async Task Open_trial_mode_can_be_turned_off_on_loopback()
    {
        using var directory = new TemporaryDirectory();
        var options = new SiloHostOptions().UseSqlite(directory.File("silo.db"));
        options.Configuration["Monitor:Security:AllowOpenTrial"] = "false";
        await using var silo = await RunningSilo.StartAsync(options);

        using var response = await silo.Http.GetAsync("api/accounts", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
