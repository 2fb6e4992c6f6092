using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>
/// The page's behaviour at the sizes of the acceptance figures: a 5-year hourly history in the account chart and 10,000
/// accounts in the overview. The silo's own history keeps hourly points for 90 days only, and 10,000 registered accounts
/// would change every other test's overview, so these tests answer the two data requests from the browser's router with
/// generated JSON of the API's exact shape; everything else (page, summary, alerts) comes from the demo silo.
/// Timings are recorded in the test output and in <c>TestResults/dashboard-figures.txt</c>, never asserted.
/// </summary>
public sealed class PerformanceTests(DemoSilo silo)
{
    private const int Accounts = 10_000;

    // More rows than the grid draws beyond the viewport on either side (its overscan).
    private const int RowSlack = 30;

    // 5 years of hourly points, 2020-01-01 to 2024-12-31.
    private static readonly long FirstHour = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly int HourlyPoints = (int)(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() - FirstHour) / 3600;

    [Fact]
    public async Task Five_years_of_hourly_points_draw_in_the_account_chart()
    {
        await using var dashboard = await silo.OpenPageAsync();
        var seriesBody = HourlySeriesJson("x:@presidentaz", HourlyPoints);
        await dashboard.Page.RouteAsync(
            url => new Uri(url).AbsolutePath.EndsWith("/series", StringComparison.Ordinal) && url.Contains("resolution=raw", StringComparison.Ordinal),
            route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = seriesBody }));

        var clock = Stopwatch.StartNew();
        await dashboard.GoToAsync("#/accounts/x%3A%40presidentaz");
        var chart = dashboard.Page.Locator("#history-chart");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "true");
        var untilDrawn = clock.Elapsed;

        Assert.Equal(HourlyPoints.ToString(CultureInfo.InvariantCulture), await chart.GetAttributeAsync("data-points"));
        await Expect(chart.Locator("canvas")).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("[aria-live=polite]", new() { HasTextString = $"{HourlyPoints:N0} points (raw)" })).ToHaveCountAsync(1);
        var fetchAndDraw = await chart.GetAttributeAsync("data-render-ms");
        var drawOnly = await dashboard.Page.EvaluateAsync<double>("""
            () => {
              const fetched = performance.getEntriesByType('resource').filter(e => e.name.includes('/series')).at(-1);
              const drawn = performance.getEntriesByName('chart-drawn').at(-1);
              return drawn && fetched ? drawn.startTime - fetched.responseEnd : -1;
            }
            """);
        Record($"account chart, {HourlyPoints:N0} hourly points: drawn {drawOnly:F0} ms after the series arrived; series request + draw {fetchAndDraw} ms; navigation to drawn chart {untilDrawn.TotalMilliseconds:F0} ms");

        await dashboard.ScreenshotAsync("account-five-years-hourly");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task Ten_thousand_accounts_scroll_with_pages_fetched_on_demand()
    {
        await using var dashboard = await silo.OpenPageAsync();
        var requestedOffsets = new List<int>();
        await dashboard.Page.RouteAsync(
            url => new Uri(url).AbsolutePath == "/api/dashboard/accounts",
            route =>
            {
                var parameters = System.Web.HttpUtility.ParseQueryString(new Uri(route.Request.Url).Query);
                var offset = int.Parse(parameters["offset"] ?? "0", CultureInfo.InvariantCulture);
                var limit = int.Parse(parameters["limit"] ?? "100", CultureInfo.InvariantCulture);
                lock (requestedOffsets)
                {
                    requestedOffsets.Add(offset);
                }

                return route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/json", Body = AccountPageJson(offset, limit) });
            });

        var clock = Stopwatch.StartNew();
        await dashboard.GoToAsync("#/");
        await Expect(dashboard.Page.Locator("#overview-count")).ToHaveTextAsync($"{Accounts:N0} accounts");
        await Expect(Row(dashboard, 0)).ToBeVisibleAsync();
        var firstRows = clock.Elapsed;
        var renderedAtTop = await dashboard.Page.Locator(".grid-body [role=row]").CountAsync();
        int pagesAtTop;
        lock (requestedOffsets)
        {
            pagesAtTop = requestedOffsets.Distinct().Count();
        }

        // Scroll through the whole list in screen-sized steps, as a user dragging the scrollbar would, then to the end.
        clock.Restart();
        // Each step also returns the rows it brought into view (first and last index), which bound the pages worth fetching.
        var windows = await dashboard.Page.EvaluateAsync<int[][]>("""
            async () => {
              const body = document.querySelector('.grid-body');
              const rowHeight = body.querySelector('[role=row]').getBoundingClientRect().height;
              const seen = () => [Math.floor(body.scrollTop / rowHeight), Math.ceil((body.scrollTop + body.clientHeight) / rowHeight)];
              const windows = [seen()];
              for (let top = 0; top < body.scrollHeight; top += body.scrollHeight / 40) {
                body.scrollTop = top;
                await new Promise(resolve => requestAnimationFrame(() => resolve()));
                windows.push(seen());
              }
              body.scrollTop = body.scrollHeight;
              await new Promise(resolve => requestAnimationFrame(() => resolve()));
              windows.push(seen());
              return windows;
            }
            """);
        var steps = windows.Length - 2;
        await Expect(Row(dashboard, Accounts - 1)).ToBeVisibleAsync();
        var scrolled = clock.Elapsed;
        var renderedAtEnd = await dashboard.Page.Locator(".grid-body [role=row]").CountAsync();
        int pages;
        List<int> fetched;
        lock (requestedOffsets)
        {
            fetched = [.. requestedOffsets.Distinct()];
            pages = fetched.Count;
        }

        // On demand: only pages holding rows that came into view, or the RowSlack rows the grid draws beyond the viewport, may
        // be fetched; any other page is a fetch nobody needed (fetching every page fails here, not only all 100 of them).
        var near = windows
            .SelectMany(window => Enumerable.Range(0, Accounts / 100)
                .Where(page => page * 100 < window[1] + RowSlack && (page + 1) * 100 > window[0] - RowSlack))
            .ToHashSet();
        Assert.All(fetched, offset => Assert.Contains(offset / 100, near));
        Assert.Contains(Accounts - 100, fetched);
        Assert.True(near.Count < Accounts / 100 * 3 / 4, $"the scroll brought {near.Count} of {Accounts / 100} pages near view: too many to tell on-demand from fetch-all");

        Assert.Equal(1, pagesAtTop);
        Assert.InRange(renderedAtTop, 1, 200);
        Assert.InRange(renderedAtEnd, 1, 200);
        await Expect(Row(dashboard, Accounts - 1)).ToContainTextAsync($"@synthetic{Accounts - 1:D5}");
        Record($"overview, {Accounts:N0} accounts: first rows {firstRows.TotalMilliseconds:F0} ms after navigation ({pagesAtTop} page of 100 fetched); {renderedAtTop} rows in the DOM at the top, " +
            $"{renderedAtEnd} at the end; a {steps}-step scroll to the last row took {scrolled.TotalMilliseconds:F0} ms and fetched {pages} of {Accounts / 100} pages");

        await dashboard.ScreenshotAsync("overview-ten-thousand-end");
        dashboard.AssertNoErrors();
    }

    private static ILocator Row(DashboardPage dashboard, int index) =>
        dashboard.Page.Locator($".grid-body [role=row][data-index='{index}']");

    private static void Record(string figure)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(figure);
        TestContext.Current.SendDiagnosticMessage(figure);
        var file = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard-figures.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        lock (typeof(PerformanceTests))
        {
            File.AppendAllText(file, $"{DateTimeOffset.UtcNow:u} {figure}{Environment.NewLine}");
        }
    }

    // The HistorySeries shape of GET /api/dashboard/accounts/{key}/series: a steady climb with a daily wave.
    private static string HourlySeriesJson(string account, int points)
    {
        var timestamps = new long[points];
        var followers = new long[points];
        var posts = new long?[points];
        for (var i = 0; i < points; i++)
        {
            timestamps[i] = FirstHour + (3600L * i);
            followers[i] = 400_000 + (14L * i) + (long)(300 * Math.Sin(i * Math.PI / 12));
            posts[i] = 3_000 + (i / 24);
        }

        return JsonSerializer.Serialize(new
        {
            account,
            resolution = "raw",
            timestamps,
            followers,
            following = new long?[points],
            posts,
        });
    }

    // The DashboardAccountPage shape of GET /api/dashboard/accounts for rows offset..offset+limit of the synthetic accounts.
    private static string AccountPageJson(int offset, int limit)
    {
        var items = Enumerable.Range(offset, Math.Max(0, Math.Min(limit, Accounts - offset))).Select(i => new
        {
            account = $"x:{9_200_000_000L + i}",
            platform = "x",
            handle = $"synthetic{i:D5}",
            displayName = $"Synthetic account {i}",
            groups = new[] { "synthetic" },
            followers = 1_000_000L - i,
            growth1d = new { netChange = 10L, ratePerDay = 10.0, relativeGrowth = 0.001 },
            growth7d = new { netChange = 70L, ratePerDay = 10.0, relativeGrowth = 0.007 },
            growth30d = new { netChange = 300L, ratePerDay = 10.0, relativeGrowth = 0.03 },
            openAlerts = i % 50 == 0 ? 1 : 0,
            lastObservedAt = "2024-12-31T00:00:00Z",
            sparkline = Enumerable.Range(0, 30).Select(d => 1_000_000L - i - 300 + (10L * d)).ToArray(),
        });
        return JsonSerializer.Serialize(new { items, total = Accounts, offset, limit, sort = "followers", descending = true });
    }
}
