using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>An account's page: the history chart with its alert episodes drawn as bands, and the episodes' figures.</summary>
public sealed class AccountPageTests(DemoSilo silo)
{
    [Fact]
    public async Task Presidentaz_page_draws_the_follower_chart_with_the_2020_surge_band()
    {
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/accounts/x%3A%40presidentaz");

        var chart = dashboard.Page.Locator("#history-chart");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(chart.Locator("canvas")).ToHaveCountAsync(1);
        var points = int.Parse(await chart.GetAttributeAsync("data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(points > 2000, $"The chart drew {points} points; the demo history has one a day since 2019.");

        var surge = dashboard.Page.Locator("tr.episode.kind-surge");
        await Expect(surge).ToHaveCountAsync(1);
        await Expect(surge).ToContainTextAsync("2020-10");
        await Expect(dashboard.Page.Locator("#episodes-title")).ToContainTextAsync("Alert episodes (1)");

        // The band is painted on the canvas: inside it the plot's background is tinted, just left of it it is not.
        var band = await BandPixelsAsync(dashboard);
        Assert.True(band.Rects >= 1, "No band rectangle was drawn.");
        Assert.NotEqual(band.Outside, band.Inside);
        Assert.True(band.Inside[3] > 0, $"The band's pixel is transparent: {string.Join(",", band.Inside)}");

        await dashboard.ScreenshotAsync("account-presidentaz");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task Resolution_switch_redraws_the_chart_with_daily_points()
    {
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/accounts/x%3A%40mfa_kz");
        var chart = dashboard.Page.Locator("#history-chart");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "true");

        await dashboard.Page.GetByLabel("Series").SelectOptionAsync("posts");
        await Expect(dashboard.Page.Locator("#history-chart[data-drawn=true]")).ToHaveCountAsync(1);
        await dashboard.Page.GetByLabel("Resolution").SelectOptionAsync("day");
        await Expect(dashboard.Page.Locator("[aria-live=polite]", new() { HasTextString = "points (day)" })).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("#history-chart")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^posts of MFA_KZ"));
        await dashboard.ScreenshotAsync("account-mfa-kz-posts-daily");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task A_failing_collector_is_shown_with_the_reason_the_api_reports()
    {
        const string key = "bluesky:@collector-failing.bsky.social";
        await silo.RegisterAsync(key, "collector-failing.bsky.social");
        var polledAt = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddHours(-3);
        await silo.RecordPollOutcomeAsync(key, new PollOutcome(polledAt, PollStatus.Error, "connection failed (NameResolutionError)"));
        var summary = await silo.Http.GetFromJsonAsync<AccountSummary>($"api/accounts/{Uri.EscapeDataString(key)}", Monitor.Client.MonitorClient.JsonOptions, TestContext.Current.CancellationToken);
        Assert.Equal(PollStatus.Error, summary?.Collection?.LastStatus);

        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync($"#/accounts/{Uri.EscapeDataString(key)}");

        var collection = dashboard.Page.Locator("#collection-status");
        await Expect(collection).ToHaveAttributeAsync("data-status", "error");
        await Expect(collection).ToContainTextAsync("connection failed (NameResolutionError)");
        await Expect(collection).ToContainTextAsync(polledAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(collection).Not.ToContainTextAsync("No collector polls this account");
        await dashboard.Page.Locator("#collection-status").ScrollIntoViewIfNeededAsync();
        await dashboard.ScreenshotAsync("account-collector-error");
        dashboard.AssertNoErrors();
    }

    private static async Task<BandSample> BandPixelsAsync(DashboardPage dashboard)
    {
        var json = await dashboard.Page.EvaluateAsync<string>("""
            () => {
              const box = document.querySelector('#history-chart');
              const rects = JSON.parse(box.dataset.bandRects);
              const canvas = box.querySelector('canvas');
              const ctx = canvas.getContext('2d');
              const [x0, x1, top, height] = rects[0];
              const y = Math.round(top + height * 0.08);
              const inside = [...ctx.getImageData(Math.round((x0 + x1) / 2), y, 1, 1).data];
              const outside = [...ctx.getImageData(Math.round(x0) - 6, y, 1, 1).data];
              return JSON.stringify({ rects: rects.length, inside, outside });
            }
            """);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new BandSample(
            root.GetProperty("rects").GetInt32(),
            [.. root.GetProperty("inside").EnumerateArray().Select(v => v.GetInt32())],
            [.. root.GetProperty("outside").EnumerateArray().Select(v => v.GetInt32())]);
    }

    private sealed record BandSample(int Rects, int[] Inside, int[] Outside);
}
