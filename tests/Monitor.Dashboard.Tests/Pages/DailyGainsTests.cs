using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Monitor.Dashboard.Tests.Infrastructure;
using Monitor.Demo;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>The daily-gains view (followers gained per day as bars, with the alert bands): where a surge stands out.</summary>
public sealed class DailyGainsTests(DemoSilo silo)
{
    [Fact]
    public async Task Daily_gains_view_draws_bars_whose_largest_day_is_the_one_the_api_history_implies_inside_the_surge_band()
    {
        var (expectedDay, expectedGain) = await LargestDailyGainAsync("x:@presidentaz");
        var surgeStart = DemoScenario.SurgeStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var surgeEnd = DemoScenario.SurgeEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.InRange(string.CompareOrdinal(expectedDay, surgeStart), 0, int.MaxValue);
        Assert.InRange(string.CompareOrdinal(expectedDay, surgeEnd), int.MinValue, 0);

        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/accounts/x%3A%40presidentaz");
        var chart = dashboard.Page.Locator("#history-chart");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "true");

        await dashboard.Page.GetByLabel("View").SelectOptionAsync("gains");

        await Expect(chart).ToHaveAttributeAsync("data-view", "gains");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(chart).ToHaveAttributeAsync("data-largest-gain-at", expectedDay);
        await Expect(chart).ToHaveAttributeAsync("data-largest-gain", expectedGain.ToString(CultureInfo.InvariantCulture));
        await Expect(dashboard.Page.GetByLabel("Resolution")).ToBeDisabledAsync();
        await Expect(dashboard.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("view=gains"));
        Assert.NotEqual("[]", await chart.GetAttributeAsync("data-band-rects"));

        // The bars are painted: in the largest day's column, just above the zero line, the canvas holds the gain colour.
        var painted = await dashboard.Page.EvaluateAsync<bool>("""
            () => {
              const canvas = document.querySelector('#history-chart canvas');
              const ctx = canvas.getContext('2d');
              const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
              // Any strongly green pixel (the gained bars) anywhere on the plot.
              for (let i = 0; i < data.length; i += 4) {
                if (data[i + 1] > 100 && data[i + 1] > data[i] + 40 && data[i + 1] > data[i + 2] + 40 && data[i + 3] > 200) {
                  return true;
                }
              }
              return false;
            }
            """);
        Assert.True(painted, "No bar of gains was painted on the chart.");

        // Reloading keeps the view (it is in the address); zoomed on 2020, the surge is a wall of bars inside its band.
        await dashboard.GoToAsync("#/accounts/x%3A%40presidentaz?view=gains&from=2020-06-01&to=2021-02-28");
        await dashboard.Page.ReloadAsync();
        await Expect(chart).ToHaveAttributeAsync("data-view", "gains");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "true");
        await Expect(dashboard.Page.GetByLabel("View")).ToHaveValueAsync("gains");
        await dashboard.ScreenshotAsync("account-presidentaz-daily-gains-2020");
        dashboard.AssertNoErrors();
    }

    // The day with the largest gain per day in the API's daily history, and that gain.
    private async Task<(string Day, long Gain)> LargestDailyGainAsync(string account)
    {
        var series = await silo.Http.GetFromJsonAsync<JsonElement>(
            $"api/dashboard/accounts/{Uri.EscapeDataString(account)}/series?resolution=day", TestContext.Current.CancellationToken);
        var times = series.GetProperty("timestamps").EnumerateArray().Select(t => t.GetInt64()).ToArray();
        var followers = series.GetProperty("followers").EnumerateArray().Select(f => f.GetInt64()).ToArray();
        var best = (Day: "", Gain: long.MinValue);
        for (var i = 1; i < times.Length; i++)
        {
            var days = Math.Max(1.0, (times[i] - times[i - 1]) / 86400.0);
            var gain = (long)Math.Round((followers[i] - followers[i - 1]) / days, MidpointRounding.AwayFromZero);
            if (gain > best.Gain)
            {
                best = (DateTimeOffset.FromUnixTimeSeconds(times[i]).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), gain);
            }
        }

        return best;
    }
}
