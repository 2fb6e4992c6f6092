using System.Globalization;
using Monitor.Abstractions.Alerts;
using Monitor.Collectors.Scheduling;
using Monitor.Core.Collection;
using Monitor.Silo.Tests.Builders;
using Monitor.Silo.Tests.Deployment;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Silo.Tests.Webhooks;
using Monitor.Testing;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Monitor.Silo.Tests.Alertmanager;

/// <summary>
/// Monitor as an alert source of a real Alertmanager (Debian's prometheus-alertmanager): a surge found by ingest reaches
/// the webhook receiver with the documented labels and resolves there; an amtool silence mutes it; the shipped
/// deploy/alertmanager.yml's inhibit rule lets a platform outage mute the drops of that platform's accounts only.
/// </summary>
public sealed class AlertmanagerEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string[] ByGroupAndKind = ["group", "kind"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_surge_found_by_ingest_reaches_the_receiver_with_the_documented_labels_and_its_resolution_follows()
    {
        await using var setup = await AlertmanagerSilo.StartAsync(ByGroupAndKind);
        var account = TestAccounts.NewKey();
        var group = TestAccounts.NewGroup();
        await setup.Silo.RegisterAsync(account, group);
        var observations = SurgeScenario.For(account);
        var surgeEnd = SurgeScenario.SurgeStart(SurgeScenario.Start).AddDays(SurgeScenario.SurgeDays);
        await setup.Silo.ReplayAsync([.. observations.Where(o => o.Timestamp < surgeEnd)]);

        var firing = await setup.Receiver.WaitUntilAsync(
            received => Find(received, account, "surge", "firing") is not null, Patience, "the surge firing", Cancellation);
        var notified = Find(firing, account, "surge", "firing")!;
        var alert = Assert.Single((await setup.Silo.GetAsync<AlertPage>($"api/alerts?account={Uri.EscapeDataString(account)}&kind=surge")).Items);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["alertname"] = "FollowerSurge", ["account"] = account, ["platform"] = "x", ["group"] = group, ["kind"] = "surge", ["severity"] = alert.Severity,
            },
            notified.Labels);
        Assert.Equal(alert.BaselineRatePerDay, double.Parse(notified.Annotations["baseline_rate_per_day"], CultureInfo.InvariantCulture), 3);
        Assert.Equal(alert.ObservedRatePerDay, double.Parse(notified.Annotations["observed_rate_per_day"], CultureInfo.InvariantCulture), 3);
        Assert.Equal(alert.ZScore, double.Parse(notified.Annotations["z_score"], CultureInfo.InvariantCulture), 3);
        Assert.Equal(alert.Id, notified.Annotations["alert_id"]);
        Assert.Equal($"{AlertmanagerSilo.DashboardUrl}#/accounts/{Uri.EscapeDataString(account)}", notified.GeneratorUrl);
        Assert.Equal(alert.Start, notified.StartsAt);

        // A firing alert ends four resend delays (1 minute by default) ahead unless it is sent again, as Prometheus' do.
        var held = Assert.Single(await setup.Alertmanager.AlertsAsync(Cancellation), a => a.Labels.GetValueOrDefault("account") == account);
        Assert.InRange(held.EndsAt, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(4.5));

        await setup.Silo.ReplayAsync([.. observations.Where(o => o.Timestamp >= surgeEnd)]);

        var resolved = await setup.Receiver.WaitUntilAsync(
            received => Find(received, account, "surge", "resolved") is not null, Patience, "the surge resolved", Cancellation);
        var ended = Assert.Single((await setup.Silo.GetAsync<AlertPage>($"api/alerts?account={Uri.EscapeDataString(account)}&kind=surge")).Items);
        Assert.Equal("resolved", ended.Status);
        Assert.Equal(ended.End, Find(resolved, account, "surge", "resolved")!.EndsAt);
    }

    [Fact]
    public async Task A_silence_made_with_amtool_mutes_the_matching_alert_and_not_its_group_mate()
    {
        await using var setup = await AlertmanagerSilo.StartAsync(ByGroupAndKind);
        var group = TestAccounts.NewGroup();
        var muted = TestAlerts.Surge(group);
        var heard = TestAlerts.Surge(group);
        var silenceId = await setup.Alertmanager.AmtoolAsync(
            ["silence", "add", $"account={muted.Account}", "--comment=maintenance of the account", "--author=tests", "--duration=1h"], Cancellation);

        await setup.PublishAsync(new EpisodeEvent("opened", muted), new EpisodeEvent("opened", heard));

        // Both arrive in one push, so the group's notification that carries one would carry the other unless it is silenced.
        var received = await setup.Receiver.WaitUntilAsync(
            notifications => Find(notifications, heard.Account, "surge", "firing") is not null, Patience, "the unsilenced surge", Cancellation);
        Assert.Null(Find(received, muted.Account, "surge", "firing"));
        var held = await setup.WaitForAlertsAsync("the muted surge held as silenced", alerts => alerts.Any(a => a.Labels.GetValueOrDefault("account") == muted.Account));
        var mutedThere = held.Single(a => a.Labels.GetValueOrDefault("account") == muted.Account);
        Assert.Equal(("suppressed", silenceId), (mutedThere.State, Assert.Single(mutedThere.SilencedBy)));
        Assert.Equal("active", held.Single(a => a.Labels.GetValueOrDefault("account") == heard.Account).State);
    }

    [Fact]
    public async Task The_shipped_inhibit_rule_lets_a_platform_outage_mute_that_platforms_drops_until_it_ends()
    {
        await using var setup = await AlertmanagerSilo.StartAsync(ByGroupAndKind, ShippedInhibitRules());
        var group = TestAccounts.NewGroup();
        var outage = new PlatformOutage("x", DateTimeOffset.UtcNow.AddMinutes(-5), null, 3, "HTTP 502");
        await setup.PublishAsync(OutageEvents.Of(outage));
        await setup.WaitForAlertsAsync("the outage", alerts => alerts.Any(a => a.Labels["alertname"] == "PlatformOutage" && a.Labels["platform"] == "x" && a.State == "active"));

        var xDrops = new[] { TestAlerts.Surge(group, kind: "drop"), TestAlerts.Surge(group, kind: "drop") };
        var template = TestAlerts.Surge(group, kind: "drop");
        var blueskyDrop = template with { Account = "bluesky:did:plc:" + Guid.NewGuid().ToString("N")[..24], Id = template.Id + "-bluesky" };
        var xSurge = TestAlerts.Surge(group);
        await setup.PublishAsync([.. xDrops.Append(blueskyDrop).Append(xSurge).Select(alert => new EpisodeEvent("opened", alert))]);

        var received = await setup.Receiver.WaitUntilAsync(
            notifications => Find(notifications, blueskyDrop.Account, "drop", "firing") is not null && Find(notifications, xSurge.Account, "surge", "firing") is not null,
            Patience, "the bluesky drop and the x surge", Cancellation);
        Assert.All(xDrops, xDrop => Assert.Null(Find(received, xDrop.Account, "drop", "firing")));
        var held = await setup.WaitForAlertsAsync("every drop held", alerts => xDrops.All(d => alerts.Any(a => a.Labels.GetValueOrDefault("account") == d.Account)));
        Assert.All(xDrops, xDrop =>
        {
            var there = held.Single(a => a.Labels.GetValueOrDefault("account") == xDrop.Account);
            Assert.Equal("suppressed", there.State);
            Assert.NotEmpty(there.InhibitedBy);
        });

        await setup.PublishAsync(OutageEvents.Of(outage with { End = DateTimeOffset.UtcNow }));

        await setup.Receiver.WaitUntilAsync(
            notifications => xDrops.All(d => Find(notifications, d.Account, "drop", "firing") is not null) && Find(notifications, null, "outage", "resolved") is not null,
            Patience, "the x drops once the outage ended, and the outage resolved", Cancellation);
    }

    private static string ShippedInhibitRules()
    {
        var shipped = RepositoryFiles.ReadYaml("deploy/alertmanager.yml").Single();
        var rules = shipped.Find("inhibit_rules") ?? throw new InvalidDataException("deploy/alertmanager.yml has no inhibit_rules.");
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(new YamlMappingNode { { "inhibit_rules", rules } })).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    // The alert of an account (or, with a null account, of no account: an outage) and kind in any notification with that status.
    private static AlertmanagerNotifiedAlert? Find(IReadOnlyList<AlertmanagerNotification> notifications, string? account, string kind, string status) =>
        notifications.SelectMany(notification => notification.Alerts).FirstOrDefault(alert =>
            alert.Status == status && alert.Labels.GetValueOrDefault("kind") == kind && alert.Labels.GetValueOrDefault("account") == account);
}
