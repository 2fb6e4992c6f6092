using System.Text.RegularExpressions;
using Microsoft.Playwright;
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

    [Fact]
    public async Task Ranking_by_entity_follows_the_api_order_and_the_address_keeps_the_choice()
    {
        await using var dashboard = await silo.OpenPageAsync();
        await dashboard.GoToAsync("#/groups/turkic-leaders");
        await Expect(dashboard.Page.Locator("table.ranking")).ToHaveAttributeAsync("data-subject", "accounts");

        await dashboard.Page.GetByRole(AriaRole.Radio, new() { Name = "Entities" }).CheckAsync();
        await Expect(dashboard.Page).ToHaveURLAsync(new Regex(@"#/groups/turkic-leaders\?rank=entities$"));
        await Expect(dashboard.Page.Locator("table.ranking")).ToHaveAttributeAsync("data-subject", "entities");
        Assert.Equal(await ApiOrderAsync("followers"), await ShownOrderAsync(dashboard));
        await Expect(dashboard.Page.Locator("#entity-ranking-note")).ToBeVisibleAsync();

        // A reload (or a shared link) shows the entities again, and every order comes from the entity ranking.
        await dashboard.Page.ReloadAsync();
        await Expect(dashboard.Page.GetByRole(AriaRole.Radio, new() { Name = "Entities" })).ToBeCheckedAsync();
        await Expect(dashboard.Page.Locator("table.ranking")).ToHaveAttributeAsync("data-subject", "entities");
        await dashboard.Page.GetByLabel("Rank by").SelectOptionAsync("growth30d");
        var byGrowth = await ApiOrderAsync("growth30d");
        await Expect(dashboard.Page.Locator("table.ranking")).ToHaveAttributeAsync("data-by", "growth30d");
        Assert.Equal(byGrowth, await ShownOrderAsync(dashboard));
        await dashboard.ScreenshotAsync("groups-turkic-leaders-by-entity");

        await dashboard.Page.GetByRole(AriaRole.Radio, new() { Name = "Accounts" }).CheckAsync();
        await Expect(dashboard.Page).ToHaveURLAsync(new Regex("#/groups/turkic-leaders$"));
        await Expect(dashboard.Page.Locator("table.ranking")).ToHaveAttributeAsync("data-subject", "accounts");
        var members = (await silo.Client.GetRankingAsync("turkic-leaders", "growth30d", TestContext.Current.CancellationToken)).Select(entry => ("data-account", entry.Account)).ToList();
        Assert.Equal(members, await ShownOrderAsync(dashboard));
        dashboard.AssertNoErrors();
    }

    private async Task<List<(string Kind, string Id)>> ApiOrderAsync(string by) =>
        (await silo.Client.GetEntityRankingAsync("turkic-leaders", by, TestContext.Current.CancellationToken))
            .Select(entry => entry.Entity is { } entity ? ("data-entity", entity) : ("data-account", entry.Accounts[0])).ToList();

    private static async Task<List<(string Kind, string Id)>> ShownOrderAsync(DashboardPage dashboard)
    {
        var rows = await dashboard.Page.Locator("#ranking-rows tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(row => row.dataset.entity !== undefined ? ['data-entity', row.dataset.entity] : ['data-account', row.dataset.account])");
        return rows.Select(row => (row[0], row[1])).ToList();
    }
}
