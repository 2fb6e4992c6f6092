using Monitor.Abstractions.Alerts;
using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>
/// The entity page over the demo: Ilham Aliyev's accounts on X, Facebook and Instagram (the latter two synthetic), their
/// combined reach, each platform's share, one chart, and the 2020 surge read as corroborated across the three.
/// </summary>
public sealed class EntityPageTests(DemoSilo silo)
{
    [Fact]
    public async Task The_demo_2020_surge_reads_as_corroborated_across_the_azerbaijani_accounts()
    {
        // Alerts name accounts by their canonical keys (handles in lower case).
        foreach (var account in new[] { "x:@presidentaz", "x:@azerbaijanmfa" })
        {
            var surge = await WaitForReadingAsync(account, reading => reading.Moved == reading.Compared && reading.Compared == 3);
            Assert.StartsWith("corroboration: 3 of 3 accounts", surge.Corroboration!.Summary, StringComparison.Ordinal);
            Assert.InRange(surge.Start, new DateTimeOffset(2020, 9, 20, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 10, 15, 0, 0, 0, TimeSpan.Zero));
        }
    }

    [Fact]
    public async Task The_entity_page_shows_combined_reach_platform_shares_every_account_on_one_chart_and_the_reading()
    {
        await WaitForReadingAsync("x:@presidentaz", reading => reading.Moved == 3);
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/entities/ilham-aliyev");

        await Expect(dashboard.Page.Locator("h1")).ToContainTextAsync("Ilham Aliyev");
        // 1,000,000 on X (the seed) + 1,350,000 on Facebook + 420,000 on Instagram (synthetic end figures).
        await Expect(dashboard.Page.Locator("#entity-figures")).ToContainTextAsync("2,770,000");
        await Expect(dashboard.Page.Locator("#reach-note")).ToContainTextAsync("Audiences overlap");
        var platforms = await dashboard.Page.Locator("#platform-shares tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(["facebook", "x", "instagram"], platforms);
        await Expect(dashboard.Page.Locator("#platform-shares tbody tr").First).ToContainTextAsync("48.7%");
        await Expect(dashboard.Page.Locator("#entity-accounts tbody tr")).ToHaveCountAsync(3);
        var chart = dashboard.Page.Locator("#entity-chart");
        await Expect(chart).ToHaveAttributeAsync("data-members", "3");
        await Expect(chart.Locator("canvas")).ToHaveCountAsync(1);
        await Expect(dashboard.Page.Locator("#entity-readings")).ToContainTextAsync("corroboration: 3 of 3 accounts");
        var path = await dashboard.ScreenshotAsync("entity-ilham-aliyev");
        dashboard.AssertNoErrors();
        Assert.True(new FileInfo(path).Length > 10_000, $"The screenshot {path} is nearly empty.");
    }

    [Fact]
    public async Task Ranking_a_group_by_entity_adds_up_each_entitys_accounts()
    {
        var ranking = await silo.Client.GetEntityRankingAsync("turkic-leaders", "followers", TestContext.Current.CancellationToken);

        // Erdoğan's 21.6M leads; Aliyev's three accounts (2.77M) now outrank Tokayev's one (816,600).
        Assert.Equal("recep-tayyip-erdoğan", ranking[0].Entity);
        var aliyev = ranking.Single(entry => entry.Entity == "ilham-aliyev");
        Assert.Equal((2, 2_770_000L, 3), (aliyev.Rank, aliyev.Followers!.Value, aliyev.Accounts.Count));
    }

    // The readings settle as the hub reads each account's siblings; wait for the condition, bounded.
    private async Task<AlertView> WaitForReadingAsync(string account, Func<Corroboration, bool> settled)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        AlertView? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var page = await silo.Client.QueryAlertsAsync($"kind=surge&account={Uri.EscapeDataString(account)}&limit=10", TestContext.Current.CancellationToken);
            last = page.Items.FirstOrDefault(alert => alert.Start.Year == 2020);
            if (last?.Corroboration is { } reading && settled(reading))
            {
                return last;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException($"The 2020 surge on {account} did not settle within 60 s; last reading: {last?.Corroboration?.Summary ?? "none"}.");
    }
}
