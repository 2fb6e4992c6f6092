using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Silo.Tests.Infrastructure;
using Orleans;
using Xunit;

namespace Monitor.Silo.Tests.Api;

/// <summary><c>GET /api/alerts?account=</c> names an account the way the rest of the API does: any spelling of its key.</summary>
public sealed class AlertQueryAccountTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>
{
    private RunningSilo Silo => fixture.Silo;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_account_filter_written_with_capitals_finds_the_alerts_of_the_canonical_key()
    {
        var handle = "AzerbaijanMFA" + Guid.NewGuid().ToString("N")[..8];
        var canonical = $"x:@{handle.ToLowerInvariant()}";
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2);
        var alert = new AlertView($"{canonical}/surge/{start.ToUnixTimeSeconds()}", canonical, "surge", "warning", "open", start, start.AddHours(6),
            50_000, null, 20, 900, 8.1, 4_000, 0.08, [TestAccounts.NewGroup()]);
        await Silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey)
            .PublishAsync([new EpisodeEvent("opened", alert)]);

        var asWritten = await Silo.GetAsync<AlertPage>($"api/alerts?account={Uri.EscapeDataString($"x:@{handle}")}");
        var asStored = await Silo.GetAsync<AlertPage>($"api/alerts?account={Uri.EscapeDataString(canonical)}");

        Assert.Equal(alert.Id, Assert.Single(asWritten.Items).Id);
        Assert.Equal(alert.Id, Assert.Single(asStored.Items).Id);
    }

    [Fact]
    public async Task A_platform_name_finds_that_platforms_outage_alerts()
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1).AddMinutes(Random.Shared.Next(1, 1_000));
        var outage = new AlertView($"tiktok/outage/{start.ToUnixTimeSeconds()}", "tiktok", "outage", "critical", "open", start, start,
            0, null, 0, 0, 0, 0, 0, [], Reason: "3 failed requests in a row", FirstKind: "outage");
        await Silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey)
            .PublishAsync([new EpisodeEvent("opened", outage)]);

        var page = await Silo.GetAsync<AlertPage>("api/alerts?account=TikTok&kind=outage");

        Assert.Contains(page.Items, alert => alert.Id == outage.Id);
        Assert.All(page.Items, alert => Assert.Equal("tiktok", alert.Account));
    }

    [Fact]
    public async Task An_account_filter_that_is_no_account_key_is_a_400_naming_the_field()
    {
        using var response = await Silo.Http.GetAsync("api/alerts?account=no-colon", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("account", out _), problem.RootElement.ToString());
    }
}
