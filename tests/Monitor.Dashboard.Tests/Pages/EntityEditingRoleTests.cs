using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Monitor.Abstractions.Access;
using Monitor.Abstractions.Entities;
using Monitor.Client;
using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>
/// Creating, linking and unlinking need the admin role: the dashboard shows the controls to admins only, and the API refuses
/// a writer's or a reader's key whatever the page shows.
/// </summary>
public sealed class EntityEditingRoleTests(DemoSilo browser, SecuredSilo secured) : IClassFixture<SecuredSilo>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ApiKeyRoles.Reader)]
    [InlineData(ApiKeyRoles.Writer)]
    public async Task Without_the_admin_role_the_page_has_no_editing_controls_and_the_api_refuses_the_edits(string role)
    {
        await using var dashboard = await browser.OpenSignedInPageAsync(secured.Address, secured.KeyOf(role));
        await dashboard.GoToAsync($"#/entities/{SecuredSilo.EntityId}");
        await Expect(dashboard.Page.Locator("#role")).ToHaveTextAsync(role);
        await Expect(dashboard.Page.Locator("#entity-accounts tbody tr")).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("#entity-link")).ToHaveCountAsync(0);
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Unlink ") })).ToHaveCountAsync(0);
        await Expect(dashboard.Page.Locator("#entity-accounts thead th")).ToHaveCountAsync(5);

        await dashboard.GoToAsync("#/entities");
        await Expect(dashboard.Page.Locator("#entity-list tbody tr")).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("#entity-create")).ToHaveCountAsync(0);
        dashboard.AssertNoErrors();

        using var http = secured.Http(role);
        var entity = $"api/entities/{SecuredSilo.EntityId}/accounts/";
        using (var link = await http.PutAsync(entity + Uri.EscapeDataString(SecuredSilo.Accounts.Free), null, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, link.StatusCode);
        }

        using (var unlink = await http.DeleteAsync(entity + Uri.EscapeDataString(SecuredSilo.Accounts.Owned), Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unlink.StatusCode);
        }

        using (var create = await http.PostAsJsonAsync("api/entities", new CreateEntityRequest($"Made by a {role}"), MonitorClient.JsonOptions, Cancellation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        }

        using var admin = secured.Http(ApiKeyRoles.Admin);
        var entities = await new MonitorClient(admin).ListEntitiesAsync(Cancellation);
        var only = Assert.Single(entities);
        Assert.Equal([SecuredSilo.Accounts.Owned], only.Accounts);
    }

    [Fact]
    public async Task An_admin_key_on_the_same_silo_gets_the_controls()
    {
        await using var dashboard = await browser.OpenSignedInPageAsync(secured.Address, secured.KeyOf(ApiKeyRoles.Admin));
        await dashboard.GoToAsync($"#/entities/{SecuredSilo.EntityId}");
        await Expect(dashboard.Page.Locator("#role")).ToHaveTextAsync(ApiKeyRoles.Admin);
        await Expect(dashboard.Page.Locator("#entity-link")).ToBeVisibleAsync();
        await Expect(dashboard.Page.GetByRole(AriaRole.Button, new() { Name = $"Unlink {SecuredSilo.Accounts.Owned} from Office of the Secured Envoy" })).ToBeVisibleAsync();

        await dashboard.GoToAsync("#/entities");
        await Expect(dashboard.Page.Locator("#entity-create")).ToBeVisibleAsync();
        dashboard.AssertNoErrors();
    }
}
