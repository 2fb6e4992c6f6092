using System.Net;
using System.Text.Json;
using System.Text;
using Monitor.Abstractions.Access;
using Monitor.AccessControl;
using Monitor.Import;
using Xunit;

namespace Monitor.Silo.Tests.Security;

/// <summary>Seed rows register accounts through <c>POST /api/import</c> only for admin keys; a writer's import stores observations only.</summary>
public sealed class ImportRoleTests(SecuredSiloFixture fixture) : IClassFixture<SecuredSiloFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_writer_cannot_register_accounts_with_seed_rows_and_an_admin_can()
    {
        var handle = "seedrole" + Guid.NewGuid().ToString("N")[..8];
        var csv = $"{SeedRow.Header}\nx,@{handle},Seed Role,role-test,2024-10-01,500,5\n";

        using var asWriter = await ImportAsync(csv, ApiKeyRoles.Writer);
        using var afterWriter = await GetAccountAsync($"x:@{handle}");
        using var asAdmin = await ImportAsync(csv, ApiKeyRoles.Admin);
        using var afterAdmin = await GetAccountAsync($"x:@{handle}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, asWriter.StatusCode);
        using (var problem = JsonDocument.Parse(await asWriter.Content.ReadAsStringAsync(Cancellation)))
        {
            Assert.Equal(0, problem.RootElement.GetProperty("accountsRegistered").GetInt32());
            Assert.Equal("account", problem.RootElement.GetProperty("errors")[0].GetProperty("field").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, afterWriter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterAdmin.StatusCode);
        using var summary = JsonDocument.Parse(await afterAdmin.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(500, summary.RootElement.GetProperty("followers").GetInt64());
    }

    private async Task<HttpResponseMessage> ImportAsync(string csv, string role)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/import") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        fixture.Authorize(request, role);
        return await fixture.Silo.Http.SendAsync(request, Cancellation);
    }

    private async Task<HttpResponseMessage> GetAccountAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/accounts/{Uri.EscapeDataString(key)}");
        fixture.Authorize(request, ApiKeyRoles.Admin);
        return await fixture.Silo.Http.SendAsync(request, Cancellation);
    }
}
