using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Abstractions.Accounts;
using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>Staleness and health on the overview, its banner of open alerts and incidents, and the alert list's names and durations.</summary>
public sealed class OverviewHealthTests(DemoSilo silo)
{
    [Fact]
    public async Task Overview_marks_stale_and_failing_accounts_and_shows_when_each_was_last_observed()
    {
        var now = DateTimeOffset.UtcNow;
        var staleAt = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-5).AddHours(9);
        await silo.RegisterAsync("x:@healthprobe_fresh", "healthprobe_fresh");
        await silo.RegisterAsync("x:@healthprobe_stale", "healthprobe_stale");
        await silo.RegisterAsync("x:@healthprobe_failing", "healthprobe_failing");
        await silo.PostAsync(
        [
            new ObservationInput("x:@healthprobe_fresh", now.AddHours(-1), 5_000, null, null, "dashboard-test"),
            new ObservationInput("x:@healthprobe_stale", staleAt, 6_000, null, null, "dashboard-test"),
            new ObservationInput("x:@healthprobe_failing", now.AddHours(-1), 7_000, null, null, "dashboard-test"),
        ]);
        await silo.RecordPollOutcomeAsync("x:@healthprobe_failing", new PollOutcome(now.AddMinutes(-10), PollStatus.Error, "HTTP 503 from the platform"));

        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/");
        await dashboard.Page.GetByLabel("Search").FillAsync("healthprobe");
        await Expect(dashboard.Page.Locator(".grid-body [role=row]")).ToHaveCountAsync(3);

        var fresh = Observed(dashboard, "x:@healthprobe_fresh");
        var stale = Observed(dashboard, "x:@healthprobe_stale");
        var failing = Observed(dashboard, "x:@healthprobe_failing");
        await Expect(fresh).ToHaveAttributeAsync("data-health", "fresh");
        await Expect(fresh.Locator(".chip")).ToHaveCountAsync(0);
        await Expect(stale).ToHaveAttributeAsync("data-health", "stale");
        await Expect(stale.Locator(".chip")).ToHaveTextAsync("stale");
        await Expect(stale).ToContainTextAsync(staleAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Expect(stale).ToHaveAttributeAsync("title", new Regex(Regex.Escape(staleAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))));
        await Expect(fresh).ToContainTextAsync(now.AddHours(-1).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await Expect(failing).ToHaveAttributeAsync("data-health", "failing");
        await Expect(failing.Locator(".chip")).ToHaveTextAsync("failing");
        await Expect(failing).ToHaveAttributeAsync("title", new Regex("HTTP 503 from the platform"));

        // Sorting by the column puts the least recently observed first.
        await dashboard.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Last observed" }).ClickAsync();
        await Expect(dashboard.Page.Locator(".grid-body [role=row][data-index='0']")).ToHaveAttributeAsync("data-account", "x:@healthprobe_stale");
        await dashboard.ScreenshotAsync("overview-stale-and-failing");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task Banner_counts_open_alerts_and_ongoing_incidents_and_the_alert_list_names_accounts_with_end_and_duration()
    {
        const string account = "x:@bannerprobe_spike";
        await silo.RegisterAsync(account, "bannerprobe_spike", "dashboard-tests");
        var history = new QuietThenSpike(account, seed: 23);
        await silo.PostAsync(history.Baseline());
        await silo.PostAsync(history.Spike());
        var alertId = await WaitForOpenAlertAsync(account);
        var openCount = (await silo.Client.QueryAlertsAsync("status=open&limit=200", TestContext.Current.CancellationToken)).Items.Count;
        var incidents = await silo.Http.GetFromJsonAsync<JsonElement>("api/incidents", TestContext.Current.CancellationToken);
        var ongoing = incidents.EnumerateArray().Count(incident => incident.GetProperty("end").ValueKind == JsonValueKind.Null);

        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/");
        var banner = dashboard.Page.Locator("#alert-banner");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToHaveAttributeAsync("data-open-alerts", openCount.ToString(CultureInfo.InvariantCulture));
        await Expect(banner).ToHaveAttributeAsync("data-incidents", ongoing.ToString(CultureInfo.InvariantCulture));
        await Expect(banner).ToContainTextAsync($"{openCount} open alert");
        var item = banner.Locator($"li[data-alert='{alertId}']");
        await Expect(item).ToContainTextAsync("Test account bannerprobe_spike");
        await Expect(item).ToContainTextAsync("spike");
        await dashboard.ScreenshotAsync("overview-banner-open-alerts");

        await dashboard.GoToAsync("#/alerts");
        var row = dashboard.Page.Locator($"tr.alert-row[data-alert='{alertId}']");
        await Expect(row.Locator(".account-name")).ToHaveTextAsync("Test account bannerprobe_spike");
        await Expect(row.Locator(".account-key")).ToHaveTextAsync(account);
        await Expect(row.Locator("td.end")).ToHaveTextAsync("ongoing");
        await Expect(row.Locator("td.duration")).ToHaveTextAsync(new Regex(@"^\d+ [hd]$"));

        // A resolved episode shows its end and how long it lasted: the demo's 2020 surge of @presidentaz, by the president's name.
        var surge = dashboard.Page.Locator("tr.alert-row[data-account='x:@presidentaz']");
        await Expect(surge.Locator(".account-name")).ToHaveTextAsync("Ilham Aliyev");
        await Expect(surge.Locator("td.end")).ToContainTextAsync("2020-1");
        await Expect(surge.Locator("td.duration")).ToHaveTextAsync(new Regex(@"^\d+ d$"));
        await Expect(surge.Locator(".chip.synthetic")).ToHaveCountAsync(1);
        await dashboard.ScreenshotAsync("alerts-display-names-end-duration");
        dashboard.AssertNoErrors();
    }

    private static Microsoft.Playwright.ILocator Observed(DashboardPage dashboard, string account) =>
        dashboard.Page.Locator($".grid-body [role=row][data-account='{account}'] .observed");

    // Alerts reach the hub a moment after the batch is acknowledged: poll the API until the spike is there.
    private async Task<string> WaitForOpenAlertAsync(string account)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await silo.Client.QueryAlertsAsync($"status=open&account={Uri.EscapeDataString(account)}&limit=10", TestContext.Current.CancellationToken);
            if (page.Items.Count > 0)
            {
                return page.Items[0].Id;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No open alert on {account} within 30 s.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
