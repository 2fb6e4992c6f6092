using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>The alerts page: the live feed over the SSE stream, and acknowledging an alert from the page.</summary>
public sealed class AlertsPageTests(DemoSilo silo)
{
    [Fact]
    public async Task A_new_alert_appears_without_reload_and_acknowledging_it_shows_in_the_API()
    {
        const string account = "x:@dashboard_live_spike";
        await silo.RegisterAsync(account, "dashboard_live_spike", "dashboard-tests");
        var history = new QuietThenSpike(account);
        await silo.PostAsync(history.Baseline());

        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/alerts");
        await Expect(dashboard.Page.Locator("#stream-state")).ToHaveAttributeAsync("data-state", "open");
        await Expect(dashboard.Page.Locator("tr.alert-row[data-account='x:@presidentaz']")).ToHaveCountAsync(1);
        var row = dashboard.Page.Locator($"tr.alert-row[data-account='{account}']");
        await Expect(row).ToHaveCountAsync(0);

        // A marker in the page's memory survives only if the page is never reloaded.
        await dashboard.Page.EvaluateAsync("() => { window.__sameDocument = 'yes'; }");
        await silo.PostAsync(history.Spike());

        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-status", "open");
        await Expect(row).ToContainTextAsync("spike");
        Assert.Equal("yes", await dashboard.Page.EvaluateAsync<string>("() => window.__sameDocument"));
        await dashboard.ScreenshotAsync("alerts-live-new");

        var alertId = await row.GetAttributeAsync("data-alert") ?? throw new InvalidOperationException("The row has no alert id.");
        await row.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "acknowledged");
        await Expect(row.Locator("td.status")).ToContainTextAsync("acknowledged by dashboard");

        var stored = await silo.GetAlertAsync(alertId);
        Assert.Equal("acknowledged", stored.Status);
        Assert.Equal("dashboard", stored.AcknowledgedBy);
        Assert.Equal(account, stored.Account);
        await dashboard.ScreenshotAsync("alerts-acknowledged");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task Incidents_list_the_correlated_surge_of_the_azerbaijani_accounts()
    {
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/alerts");
        var incident = dashboard.Page.Locator("#incidents li", new() { HasTextString = "surge in azerbaijan-official" });
        await Expect(incident).ToHaveCountAsync(1);
        await Expect(incident).ToContainTextAsync("x:@presidentaz");
        await dashboard.ScreenshotAsync("alerts-incidents");
        dashboard.AssertNoErrors();
    }
}
