using Monitor.Dashboard.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>The groups page: a group's ranking and the comparison of its members over time.</summary>
public sealed class GroupsPageTests(DemoSilo silo)
{
    [Fact]
    public async Task Turkic_mfa_ranking_shows_the_seed_order_and_compares_the_five_ministries()
    {
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/groups/turkic-mfa");

        var rows = dashboard.Page.Locator("#ranking-rows tr");
        await Expect(rows).ToHaveCountAsync(5);
        var handles = await rows.Locator("td:nth-child(2)").AllInnerTextsAsync();
        Assert.Equal(["@MFATurkiye", "@AzerbaijanMFA", "@MFA_KZ", "@MFA_Kyrgyzstan", "@uzbekmfa"], handles);
        await Expect(rows.First).ToContainTextAsync("1,800,000");

        var chart = dashboard.Page.Locator("#comparison-chart");
        await Expect(chart).ToHaveAttributeAsync("data-members", "5");
        await Expect(chart.Locator("canvas")).ToHaveCountAsync(1);
        await Expect(chart.Locator(".u-legend")).ToContainTextAsync("@uzbekmfa");
        await dashboard.ScreenshotAsync("groups-turkic-mfa");
        dashboard.AssertNoErrors();
    }

    [Fact]
    public async Task Ranking_by_followers_per_post_reorders_the_table()
    {
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/groups/turkic-mfa");
        await Expect(dashboard.Page.Locator("#ranking-rows tr")).ToHaveCountAsync(5);

        await dashboard.Page.GetByLabel("Rank by").SelectOptionAsync("followersPerPost");

        // 1,800,000 / 28,700 = 62.7 leads; 9,921 / 4,338 = 2.3 is last.
        await Expect(dashboard.Page.Locator("#ranking-rows tr").First).ToContainTextAsync("@MFATurkiye");
        await Expect(dashboard.Page.Locator("#ranking-rows tr").Last).ToContainTextAsync("@MFA_Kyrgyzstan");
        await dashboard.ScreenshotAsync("groups-turkic-mfa-per-post");
        dashboard.AssertNoErrors();
    }
}
