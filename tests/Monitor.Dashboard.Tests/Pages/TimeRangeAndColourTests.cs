using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>A chart's time range in the address (presets, zoom that survives reload), ISO dates on the axes, distinct series colours, synthetic marks.</summary>
public sealed partial class TimeRangeAndColourTests(DemoSilo silo)
{
    [Fact]
    public async Task A_preset_and_a_zoom_are_kept_in_the_address_and_survive_a_reload_with_iso_dates_on_the_axis()
    {
        var series = await silo.Http.GetFromJsonAsync<JsonElement>("api/dashboard/accounts/x%3A%40presidentaz/series", TestContext.Current.CancellationToken);
        var last = DateTimeOffset.FromUnixTimeSeconds(series.GetProperty("timestamps").EnumerateArray().Last().GetInt64());

        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/accounts/x%3A%40presidentaz");
        var chart = dashboard.Page.Locator("#history-chart");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "true");

        // A preset: the last year of data, ending at the latest observation.
        await dashboard.Page.GetByLabel("Time range").SelectOptionAsync("1y");
        await Expect(dashboard.Page).ToHaveURLAsync(new Regex(@"\?range=1y$"));
        await Expect(chart).ToHaveAttributeAsync("data-from", new Regex("^" + Regex.Escape(last.AddDays(-365).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        await Expect(chart).ToHaveAttributeAsync("data-to", new Regex("^" + Regex.Escape(last.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));

        // A zoom dragged across the middle of the plot goes into the address as ISO dates...
        var plot = chart.Locator(".u-over");
        var box = await plot.BoundingBoxAsync() ?? throw new InvalidOperationException("The plot has no box.");
        var y = box.Y + (box.Height / 2);
        await dashboard.Page.Mouse.MoveAsync(box.X + (box.Width * 0.3f), y);
        await dashboard.Page.Mouse.DownAsync();
        await dashboard.Page.Mouse.MoveAsync(box.X + (box.Width * 0.5f), y, new() { Steps = 5 });
        await dashboard.Page.Mouse.UpAsync();
        await Expect(dashboard.Page).ToHaveURLAsync(new Regex(@"\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$"));
        await Expect(dashboard.Page.GetByLabel("Time range")).ToHaveValueAsync("custom");
        var match = RangeInAddress().Match(dashboard.Page.Url);
        var (from, to) = (match.Groups[1].Value, match.Groups[2].Value);
        Assert.True(string.CompareOrdinal(from, to) < 0, $"from {from} is not before to {to}");

        // ...and a reload (or a colleague opening the link) shows the same range.
        await dashboard.Page.ReloadAsync();
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(chart).ToHaveAttributeAsync("data-from", new Regex("^" + from));
        await Expect(chart).ToHaveAttributeAsync("data-to", new Regex("^" + to));
        await Expect(dashboard.Page.GetByLabel("Time range")).ToHaveValueAsync("custom");

        var ticks = JsonSerializer.Deserialize<string[]>(await chart.GetAttributeAsync("data-x-ticks") ?? "[]") ?? [];
        Assert.NotEmpty(ticks);
        Assert.All(ticks, tick => Assert.Matches(@"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}Z)?$", tick));
        await dashboard.ScreenshotAsync("account-presidentaz-zoom-from-address");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task Every_member_of_a_group_chart_has_a_clearly_different_colour_and_synthetic_members_are_marked()
    {
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/groups/turkic-mfa");
        var chart = dashboard.Page.Locator("#comparison-chart");
        await Expect(chart).ToHaveAttributeAsync("data-members", "5");

        // The legend's markers carry the colour each series is drawn in (the first row is the time).
        var colours = await chart.Locator(".u-legend .u-series .u-marker").EvaluateAllAsync<string[]>(
            "markers => markers.slice(1).map(m => getComputedStyle(m).borderTopColor)");
        Assert.Equal(5, colours.Length);
        var rgb = colours.Select(Rgb).ToList();
        for (var i = 0; i < rgb.Count; i++)
        {
            for (var j = i + 1; j < rgb.Count; j++)
            {
                var distance = Math.Sqrt(Math.Pow(rgb[i].R - rgb[j].R, 2) + Math.Pow(rgb[i].G - rgb[j].G, 2) + Math.Pow(rgb[i].B - rgb[j].B, 2));
                Assert.True(distance > 60, $"Series {i} ({colours[i]}) and {j} ({colours[j]}) are hard to tell apart (distance {distance:F0}).");
            }
        }

        var ticks = JsonSerializer.Deserialize<string[]>(await chart.GetAttributeAsync("data-x-ticks") ?? "[]") ?? [];
        Assert.All(ticks, tick => Assert.Matches(@"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}Z)?$", tick));

        // The demo's histories are generated: marked in the legend, the ranking, the overview and the account page.
        await Expect(chart.Locator(".u-legend")).ToContainTextAsync("@uzbekmfa (synthetic)");
        await Expect(dashboard.Page.Locator("#ranking-rows tr .chip.synthetic")).ToHaveCountAsync(5);
        await dashboard.ScreenshotAsync("groups-turkic-mfa-distinct-colours-synthetic");

        await dashboard.GoToAsync("#/");
        await Expect(dashboard.Page.Locator(".grid-body [role=row][data-account='x:@uzbekmfa'] .chip.synthetic")).ToHaveCountAsync(1);
        await dashboard.GoToAsync("#/accounts/x%3A%40uzbekmfa");
        await Expect(dashboard.Page.Locator("#synthetic-notice")).ToContainTextAsync("Synthetic demo data");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task An_account_that_is_not_synthetic_carries_no_mark()
    {
        await silo.RegisterAsync("x:@realprobe", "realprobe");
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/");
        await dashboard.Page.GetByLabel("Search").FillAsync("realprobe");
        var row = dashboard.Page.Locator(".grid-body [role=row][data-account='x:@realprobe']");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".chip.synthetic")).ToHaveCountAsync(0);
        dashboard.AssertNoErrors();
    }

    private static (int R, int G, int B) Rgb(string css)
    {
        var parts = CssColour().Match(css);
        Assert.True(parts.Success, $"'{css}' is not an rgb() colour.");
        return (int.Parse(parts.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(parts.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(parts.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"rgba?\((\d+), (\d+), (\d+)")]
    private static partial Regex CssColour();

    [GeneratedRegex(@"from=(\d{4}-\d{2}-\d{2})&to=(\d{4}-\d{2}-\d{2})")]
    private static partial Regex RangeInAddress();
}
