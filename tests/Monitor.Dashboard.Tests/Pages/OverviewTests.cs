using Microsoft.Playwright;
using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>The overview at <c>/</c>: every monitored account with its figures, sortable and filterable.</summary>
public sealed class OverviewTests(DemoSilo silo)
{
    [Fact]
    public async Task Overview_lists_every_demo_account_with_its_followers()
    {
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/");

        var presidentaz = dashboard.Page.Locator(".grid-body [role=row][data-account='x:@presidentaz']");
        await Expect(presidentaz).ToContainTextAsync("@presidentaz");
        await Expect(presidentaz).ToContainTextAsync("Ilham Aliyev");
        await Expect(presidentaz).ToContainTextAsync("1,000,000");
        foreach (var account in silo.Scenario.Accounts)
        {
            var key = account.Key.ToLowerInvariant();
            await Expect(dashboard.Page.Locator($".grid-body [role=row][data-account='{key}']")).ToHaveCountAsync(1);
        }

        await Expect(dashboard.Page.Locator("#overview-count")).ToContainTextAsync("accounts");
        await dashboard.ScreenshotAsync("overview");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task Filtering_by_group_shows_its_members_largest_first_and_a_click_reverses_the_order()
    {
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/");
        await Expect(dashboard.Page.Locator(".grid-body [role=row]").First).ToBeVisibleAsync();

        await dashboard.Page.GetByLabel("Group").SelectOptionAsync("turkic-mfa");
        await Expect(dashboard.Page.Locator(".grid-body [role=row]")).ToHaveCountAsync(5);
        await Expect(dashboard.Page.Locator("[role=columnheader][aria-sort=descending]")).ToContainTextAsync("Followers");

        var order = await RowOrderAsync(dashboard.Page);
        Assert.Equal(["x:@mfaturkiye", "x:@azerbaijanmfa", "x:@mfa_kz", "x:@mfa_kyrgyzstan", "x:@uzbekmfa"], order);

        await dashboard.Page.GetByRole(AriaRole.Button, new() { Name = "Followers" }).ClickAsync();
        await Expect(dashboard.Page.Locator("[role=columnheader][aria-sort=ascending]")).ToContainTextAsync("Followers");
        await Expect(dashboard.Page.Locator(".grid-body [role=row]").First).ToHaveAttributeAsync("data-account", "x:@uzbekmfa");
        await dashboard.ScreenshotAsync("overview-turkic-mfa-ascending");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task A_row_opens_its_account_page_from_the_keyboard()
    {
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/");
        await dashboard.Page.GetByLabel("Search").FillAsync("presidentaz");
        var row = dashboard.Page.Locator(".grid-body [role=row][data-account='x:@presidentaz']");
        await Expect(dashboard.Page.Locator(".grid-body [role=row]")).ToHaveCountAsync(1);

        await row.FocusAsync();
        await dashboard.Page.Keyboard.PressAsync("Enter");

        await Expect(dashboard.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/accounts/x%3A%40presidentaz$"));
        await Expect(dashboard.Page.Locator("h1")).ToHaveTextAsync("Ilham Aliyev");
        await dashboard.ScreenshotAsync("overview-keyboard-opened-account");
        dashboard.AssertNoErrors();
    }

    private static async Task<List<string>> RowOrderAsync(IPage page)
    {
        var rows = await page.Locator(".grid-body [role=row]").EvaluateAllAsync<string[]>(
            "rows => rows.sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index)).map(r => r.dataset.account)");
        return [.. rows];
    }
}
