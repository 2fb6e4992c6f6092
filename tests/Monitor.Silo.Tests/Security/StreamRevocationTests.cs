using System.Net;
using System.Text;
using Monitor.Abstractions.Access;
using Monitor.AccessControl;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Security;

/// <summary>An open alert stream does not outlive its credential (issue #16, item 5); the heartbeat here is 50 ms.</summary>
public sealed class StreamRevocationTests(SecuredSiloFixture fixture) : IClassFixture<SecuredSiloFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stream_ends_when_its_key_is_revoked()
    {
        var reader = await fixture.Ring.CreateAsync(ApiKeyRoles.Reader, "stream to revoke", null, Cancellation);
        using var http = new HttpClient { BaseAddress = fixture.Silo.Address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new("Bearer", reader.Key);
        await using var stream = await AlertStream.OpenAsync(http);

        using var revoke = await fixture.SendAsync(HttpMethod.Delete, $"api/keys/{reader.Details.Id}", ApiKeyRoles.Admin);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        await stream.WaitForEndAsync(Patience);
    }

    [Fact]
    public async Task An_open_mode_stream_ends_when_the_first_key_is_created()
    {
        using var directory = new TemporaryDirectory();
        var options = new SiloHostOptions().UseSqlite(directory.File("silo.db"));
        options.Configuration["Monitor:AlertStream:HeartbeatInterval"] = "00:00:00.050";
        await using var silo = await RunningSilo.StartAsync(options);
        await using var stream = await AlertStream.OpenAsync(silo.Http);

        using var created = await silo.Http.PostAsync("api/keys", new StringContent("""{"role":"admin"}""", Encoding.UTF8, "application/json"), Cancellation);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await stream.WaitForEndAsync(Patience);
    }
}
