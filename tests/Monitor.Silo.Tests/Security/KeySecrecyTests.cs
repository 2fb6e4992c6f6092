using System.Net;
using System.Text;
using Monitor.Abstractions.Access;
using Monitor.AccessControl;
using Monitor.Hosting.Cli;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Security;

/// <summary>Keys are never stored or logged in clear: the database files and a debug-level log of a real silo process are searched.</summary>
public sealed class KeySecrecyTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Neither_the_database_nor_the_log_holds_a_key_or_its_secret()
    {
        using var directory = new TemporaryDirectory();
        var database = directory.File("silo.db");
        var (keys, _, store) = KeysCommand.OpenStore(new SiloHostOptions().UseSqlite(database));
        CreatedApiKey admin;
        await using (store)
        {
            admin = await keys.CreateAsync(ApiKeyRoles.Admin, "offline admin", null, Cancellation);
        }

        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Debug",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
        };
        string log;
        string created;
        await using (var silo = await SiloProcess.StartAsync(database, Cancellation, environment))
        {
            silo.Http.DefaultRequestHeaders.Authorization = new("Bearer", admin.Key);
            using var response = await silo.Http.PostAsync(
                "api/keys", new StringContent("""{"role":"writer","name":"collector"}""", Encoding.UTF8, "application/json"), Cancellation);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            created = (await Infrastructure.RunningSilo.ReadAsync<CreatedApiKey>(response)).Key;

            using var wrong = new HttpRequestMessage(HttpMethod.Get, "api/accounts");
            wrong.Headers.Authorization = new("Bearer", created + "x");
            using var refused = await silo.Http.SendAsync(wrong, Cancellation);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            using var writer = new HttpRequestMessage(HttpMethod.Get, "api/auth/whoami");
            writer.Headers.Add(ApiKeyAuthenticationHandler.ApiKeyHeader, created);
            using var accepted = await silo.Http.SendAsync(writer, Cancellation);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            await silo.KillAsync();
            log = silo.Log;
        }

        Assert.Contains("dbug:", log, StringComparison.Ordinal);
        var stored = string.Concat(Directory.GetFiles(directory.Path, "silo.db*").Select(file => Encoding.Latin1.GetString(File.ReadAllBytes(file))));
        Assert.Contains(ApiKeySecret.Hash(admin.Key), stored, StringComparison.Ordinal);
        foreach (var key in new[] { admin.Key, created })
        {
            var secret = key.Split('_', 3)[2];
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }
}
