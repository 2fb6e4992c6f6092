using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Entities;
using Monitor.Client;
using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>
/// Editing entities from the dashboard, through the API: an admin creates one, links two accounts and sees their followers
/// added up, unlinks one and sees the reach drop; a refusal reads as the API's problem.
/// </summary>
public sealed class EntityEditingTests(DemoSilo silo)
{
    private const string Name = "Office of the Test Envoy";
    private const string Id = "office-of-the-test-envoy";
    private const string First = "x:@test_envoy_office";
    private const string Second = "instagram:@test_envoy_office";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_an_entity_links_two_accounts_sees_their_sum_and_unlinks_one()
    {
        await SeedAccountsAsync();
        var followers = new Dictionary<string, long>
        {
            [First] = (await silo.Client.FindAccountAsync(First, Cancellation))!.Followers!.Value,
            [Second] = (await silo.Client.FindAccountAsync(Second, Cancellation))!.Followers!.Value,
        };
        try
        {
            await using var dashboard = await silo.OpenPageAsync();
            await dashboard.GoToAsync("#/entities");
            await dashboard.Page.Locator("#entity-name").FillAsync(Name);
            await dashboard.Page.Locator("#entity-kind").SelectOptionAsync("office");
            await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Create entity" }).ClickAsync();

            await Expect(dashboard.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/entities/{Id}$"));
            await Expect(dashboard.Page.Locator("h1")).ToContainTextAsync(Name);
            var created = await silo.Client.FindEntityAsync(Id, Cancellation);
            Assert.Equal(("office", 0), (created!.Entity.Kind, created.Entity.Accounts.Count));

            // The picker suggests monitored accounts matching what is typed.
            var account = dashboard.Page.Locator("#link-account");
            await account.PressSequentiallyAsync("test_envoy");
            await Expect(dashboard.Page.Locator($"#link-account-options option[value='{Second}']")).ToHaveCountAsync(1);
            await LinkAsync(dashboard, First, rows: 1);
            await LinkAsync(dashboard, Second, rows: 2);

            var sum = followers[First] + followers[Second];
            var reach = dashboard.Page.Locator("#combined-reach");
            await Expect(reach).ToHaveAttributeAsync("data-followers", sum.ToString(CultureInfo.InvariantCulture));
            await Expect(reach).ToContainTextAsync(sum.ToString("N0", CultureInfo.InvariantCulture));
            Assert.Equal(sum, (await silo.Client.FindEntityAsync(Id, Cancellation))!.Followers);
            await Expect(dashboard.Page.Locator("#entity-chart")).ToHaveAttributeAsync("data-members", "2");

            // An account another entity owns is refused with the API's reason, and a way to the owner.
            await dashboard.Page.Locator("#link-account").FillAsync("x:@presidentaz");
            await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Link account" }).ClickAsync();
            var refusal = dashboard.Page.Locator("#entity-link-outcome .error");
            await Expect(refusal).ToContainTextAsync("Account 'x:@presidentaz' belongs to entity 'ilham-aliyev'");
            await Expect(refusal.GetByRole(AriaRole.Link, new() { Name = "Open ilham-aliyev" })).ToHaveAttributeAsync("href", "#/entities/ilham-aliyev");
            await Expect(dashboard.Page.Locator("#entity-accounts tbody tr")).ToHaveCountAsync(2);

            await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = $"Unlink {Second} from {Name}" }).ClickAsync();
            await Expect(dashboard.Page.Locator("#entity-accounts tbody tr")).ToHaveCountAsync(1);
            await Expect(reach).ToHaveAttributeAsync("data-followers", followers[First].ToString(CultureInfo.InvariantCulture));
            await Expect(dashboard.Page.Locator("#entity-edit-outcome")).ToContainTextAsync($"Unlinked {Second}");
            var after = await silo.Client.FindEntityAsync(Id, Cancellation);
            Assert.Equal([First], after!.Entity.Accounts);
            Assert.Equal(followers[First], after.Followers);

            // The only failed request is the refused link.
            Assert.EndsWith($"/api/entities/{Id}/accounts/x%3A%40presidentaz", Assert.Single(dashboard.Errors, error => error.StartsWith("HTTP 409 from PUT ", StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.Single(dashboard.Errors);
        }
        finally
        {
            await silo.Client.DeleteEntityAsync(Id, Cancellation);
        }
    }

    [Fact]
    public async Task A_refused_creation_shows_the_problem_and_creates_nothing()
    {
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/entities");
        await Expect(dashboard.Page.Locator("#entity-list tbody tr").First).ToBeVisibleAsync();
        var before = await silo.Client.ListEntitiesAsync(Cancellation);

        // The demo's entity has this name, so the derived id exists.
        await dashboard.Page.Locator("#entity-name").FillAsync("Ilham Aliyev");
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Create entity" }).ClickAsync();

        await Expect(dashboard.Page.Locator("#entity-create-outcome .error")).ToContainTextAsync("Entity 'ilham-aliyev' already exists");
        await Expect(dashboard.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/entities$"));
        Assert.Equal(before.Count, (await silo.Client.ListEntitiesAsync(Cancellation)).Count);
        Assert.EndsWith("/api/entities", Assert.Single(dashboard.Errors, error => error.StartsWith("HTTP 409 from POST ", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Single(dashboard.Errors);
    }

    private static async Task LinkAsync(DashboardPage dashboard, string key, int rows)
    {
        await dashboard.Page.Locator("#link-account").FillAsync(key);
        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Link account" }).ClickAsync();
        await Expect(dashboard.Page.Locator("#entity-accounts tbody tr")).ToHaveCountAsync(rows);
        await Expect(dashboard.Page.Locator($"#entity-accounts tbody tr[data-account='{key}']")).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("#entity-edit-outcome")).ToContainTextAsync($"Linked {key}");
    }

    // Two accounts of one office on two platforms, each with a week of its own followers.
    private async Task SeedAccountsAsync()
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-7);
        var observations = new List<ObservationInput>();
        foreach (var (key, followers, perDay) in new[] { (First, 83_417L, 35L), (Second, 26_902L, 12L) })
        {
            await silo.Client.PutAccountAsync(key, new AccountProfile("test_envoy_office", $"Test envoy's office on {key.Split(':')[0]}", ["entity-editing"]), Cancellation);
            observations.AddRange(Enumerable.Range(0, 7).Select(day => new ObservationInput(key, start.AddDays(day), followers + (day * perDay), null, null, "dashboard-test")));
        }

        await silo.PostAsync(observations);
    }
}
