using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Monitor.Abstractions.Groups;
using Monitor.Client;
using Monitor.Dashboard.Tests.Infrastructure;
using UglyToad.PdfPig;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>Group reports of the demo's groups: the HTML in Chromium, its first page, the CSV, and the PDF the silo prints.</summary>
public sealed class ReportTests(DemoSilo silo)
{
    // The seed's figures were read around 28 Sep - 1 Oct 2024: a range ending after them ends at the accounts' latest counts.
    private const string LatestRange = "period=range&from=2024-09-01&to=2024-10-31";

    // The synthetic surge of the demo (27 Sep - 10 Nov 2020).
    private const string SurgeRange = "period=range&from=2020-09-01&to=2020-11-30";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Turkic_mfa_report_ranks_as_the_api_does_in_html_and_csv_and_marks_synthetic_data()
    {
        var api = await silo.Http.GetFromJsonAsync<List<RankingEntry>>("api/groups/turkic-mfa/ranking?by=followers", MonitorClient.JsonOptions, Cancellation);
        var expected = api!.Select(entry => entry.Account).ToList();
        Assert.Equal(5, expected.Count);

        await using var report = await silo.OpenPageAsync(width: 794, height: 1123);
        await report.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await report.Page.GotoAsync($"/api/reports/groups/turkic-mfa?{LatestRange}");
        var rows = report.Page.Locator("table[data-ranking='followers'] tbody tr");
        await Expect(rows).ToHaveCountAsync(expected.Count);
        var shown = new List<string>();
        foreach (var row in await rows.AllAsync())
        {
            shown.Add((await row.GetAttributeAsync("data-account"))!);
        }

        Assert.Equal(expected, shown);
        await Expect(report.Page.Locator(".synthetic-notice")).ToContainTextAsync("Synthetic data.");
        await Expect(report.Page.Locator(".sources")).ToContainTextAsync("Platforms: x.");
        await Expect(rows.First).ToContainTextAsync("1,800,000");
        var path = Path.Combine(DashboardPage.ScreenshotFolder, "report-turkic-mfa-first-page.png");
        Directory.CreateDirectory(DashboardPage.ScreenshotFolder);
        await report.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        TestContext.Current.SendDiagnosticMessage($"screenshot: {path}");
        report.AssertNoErrors();

        var csv = await silo.Http.GetStringAsync($"api/reports/groups/turkic-mfa/csv/followers?{LatestRange}", Cancellation);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, lines.Skip(1).Select(line => line.Split(',')[1]));
        Assert.Equal(api!.Select(entry => entry.Followers), lines.Skip(1).Select(line => (long?)long.Parse(line.Split(',')[5], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task The_surge_report_prints_a_summary_a_growth_page_an_entity_page_and_a_page_per_incident_and_alert()
    {
        // Alerts of the replay may still be arriving: compare the PDF with a report read before and after it that agree.
        for (var attempt = 1; ; attempt++)
        {
            var before = await EpisodeCountsAsync();
            using var response = await silo.Http.GetAsync($"api/reports/groups/azerbaijan-official/pdf?{SurgeRange}", Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var pdf = await response.Content.ReadAsByteArrayAsync(Cancellation);
            var after = await EpisodeCountsAsync();
            if (before != after && attempt < 5)
            {
                continue;
            }

            Assert.Equal(before, after);
            Assert.True(before.Alerts >= 2, $"The demo's surge raised {before.Alerts} alerts in the group.");
            Assert.True(before.Incidents >= 1, "The demo's surge formed no incident in the group.");
            using var document = PdfDocument.Open(pdf);
            Assert.Equal(3 + before.Incidents + before.Alerts, document.NumberOfPages);
            Assert.Contains("Synthetic data", document.GetPage(1).Text, StringComparison.Ordinal);
            Assert.Contains("Ranking by followers gained", document.GetPage(2).Text, StringComparison.Ordinal);
            Assert.Contains("Entity comparison", document.GetPage(3).Text, StringComparison.Ordinal);
            Assert.Contains("Incident: surge", document.GetPage(4).Text, StringComparison.Ordinal);
            Assert.Contains("Surge", document.GetPage(document.NumberOfPages).Text, StringComparison.Ordinal);
            return;
        }
    }

    private async Task<(int Alerts, int Incidents)> EpisodeCountsAsync()
    {
        var report = await silo.Http.GetFromJsonAsync<JsonElement>($"api/reports/groups/azerbaijan-official/json?{SurgeRange}", Cancellation);
        return (report.GetProperty("alerts").GetArrayLength(), report.GetProperty("incidents").GetArrayLength());
    }
}
