using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Grains.Tests.Support;
using Xunit;

namespace Monitor.Grains.Tests.Alerts;

/// <summary>
/// The alert hub in a real silo over each store (the subclasses): dedupe, status, silences, inhibition, incidents,
/// change log, queries.
/// </summary>
public abstract class AlertHubTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _time = new(Now);
    private TestSilo _silo = null!;

    private IAlertHubGrain Hub => _silo.Grains.GetGrain<IAlertHubGrain>("global");

    /// <summary>The storage of this run (a new, empty one per test).</summary>
    protected abstract MonitorStorageOptions Storage();

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync(Storage(), _time);

    public virtual async ValueTask DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Re_published_events_make_one_alert_and_no_further_changes()
    {
        var surge = EpisodeBuilder.For("x:1");
        await Hub.PublishAsync([surge.Opened()]);
        await Hub.PublishAsync([surge.Opened(), surge.Opened()]);

        var alerts = await Hub.QueryAsync(new AlertQuery());
        var changes = await Hub.ReadChangesAsync(0, 100);

        var alert = Assert.Single(alerts.Items);
        Assert.Equal((surge.Id, "open"), (alert.Id, alert.Status));
        Assert.Equal(["opened"], changes.Select(c => c.Change));
    }

    [Fact]
    public async Task An_episode_that_arrives_already_ended_is_logged_opened_then_resolved()
    {
        var spike = EpisodeBuilder.For("x:1").Kind("spike").Ended(Now.AddDays(-2));
        await Hub.PublishAsync([spike.Resolved()]);

        var changes = await Hub.ReadChangesAsync(0, 100);

        Assert.Equal(["opened", "resolved"], changes.Select(c => c.Change));
        Assert.Equal(("open", (DateTimeOffset?)null), (changes[0].Alert.Status, changes[0].Alert.End));
        Assert.Equal(("resolved", (DateTimeOffset?)Now.AddDays(-2)), (changes[1].Alert.Status, changes[1].Alert.End));
        Assert.All(changes, c => Assert.Equal(spike.Id, c.Alert.Id));
        Assert.Equal("resolved", (await Hub.GetAsync(spike.Id))!.Status);
    }

    [Fact]
    public async Task Updates_replace_figures_and_an_acknowledged_alert_keeps_updating_until_resolved()
    {
        var surge = EpisodeBuilder.For("x:1");
        await Hub.PublishAsync([surge.Opened()]);
        await Hub.AcknowledgeAsync(surge.Id, "duty-officer");
        await Hub.PublishAsync([surge.Peak(450_000).Updated()]);
        var acknowledged = await Hub.GetAsync(surge.Id);
        await Hub.PublishAsync([surge.Peak(460_000).Ended(Now.AddDays(-1)).Resolved()]);
        var stale = EpisodeBuilder.For("x:1").Peak(455_000);
        await Hub.PublishAsync([stale.Updated()]);
        var resolved = await Hub.GetAsync(surge.Id);

        Assert.Equal(("acknowledged", 450_000L, "duty-officer"), (acknowledged!.Status, acknowledged.PeakFollowers, acknowledged.AcknowledgedBy));
        Assert.Equal(("resolved", 460_000L), (resolved!.Status, resolved.PeakFollowers));
        Assert.Equal(["opened", "acknowledged", "updated", "resolved"], (await Hub.ReadChangesAsync(0, 100)).Select(c => c.Change));
    }

    [Fact]
    public async Task An_alert_resolved_by_an_operator_stays_resolved_while_the_episode_updates()
    {
        var drop = EpisodeBuilder.For("x:2").Kind("drop");
        await Hub.PublishAsync([drop.Opened()]);
        await Hub.ResolveAsync(drop.Id, "analyst");
        await Hub.PublishAsync([drop.Peak(380_000).Updated()]);

        var alert = await Hub.GetAsync(drop.Id);

        Assert.Equal(("resolved", 380_000L), (alert!.Status, alert.PeakFollowers));
    }

    [Fact]
    public async Task Unknown_alerts_are_not_found()
    {
        Assert.Null(await Hub.AcknowledgeAsync("surge-x:404-20200101T000000Z", "someone"));
        Assert.Null(await Hub.GetAsync("surge-x:404-20200101T000000Z"));
    }

    [Theory]
    [InlineData("account")]
    [InlineData("group")]
    [InlineData("kind")]
    [InlineData("severity")]
    public async Task A_matching_silence_flags_the_alert_and_others_stay_unsilenced(string matcher)
    {
        var silence = matcher switch
        {
            "account" => NewSilence(account: "x:1"),
            "group" => NewSilence(group: "turkic-mfa"),
            "kind" => NewSilence(kind: "spike"),
            _ => NewSilence(severity: "critical"),
        };
        await Hub.AddSilenceAsync(silence);
        var matching = EpisodeBuilder.For("x:1").Kind("spike", "critical").InGroups("turkic-mfa");
        var other = EpisodeBuilder.For("x:2").Kind("surge", "warning").InGroups("world-leaders");

        await Hub.PublishAsync([matching.Opened(), other.Opened()]);

        Assert.True((await Hub.GetAsync(matching.Id))!.Silenced);
        Assert.False((await Hub.GetAsync(other.Id))!.Silenced);
    }

    [Fact]
    public async Task An_expired_silence_no_longer_silences_and_is_not_listed()
    {
        await Hub.AddSilenceAsync(NewSilence(account: "x:1", expires: Now.AddHours(1)));
        var before = EpisodeBuilder.For("x:1").Starting(Now.AddDays(-2));
        await Hub.PublishAsync([before.Opened()]);
        _time.Advance(TimeSpan.FromHours(2));
        var after = EpisodeBuilder.For("x:1").Starting(Now.AddDays(-1));
        await Hub.PublishAsync([after.Opened()]);

        Assert.True((await Hub.GetAsync(before.Id))!.Silenced);
        Assert.False((await Hub.GetAsync(after.Id))!.Silenced);
        Assert.Empty(await Hub.ListSilencesAsync());
    }

    [Fact]
    public async Task Adding_and_removing_a_silence_updates_open_alerts()
    {
        var surge = EpisodeBuilder.For("x:1");
        await Hub.PublishAsync([surge.Opened()]);

        var silence = await Hub.AddSilenceAsync(NewSilence(account: "x:1"));
        var silenced = (await Hub.GetAsync(surge.Id))!.Silenced;
        var removed = await Hub.RemoveSilenceAsync(silence.Id);

        Assert.True(silenced);
        Assert.True(removed);
        Assert.False((await Hub.GetAsync(surge.Id))!.Silenced);
        Assert.False(await Hub.RemoveSilenceAsync(silence.Id));
    }

    [Fact]
    public async Task A_silence_that_has_already_expired_is_refused_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Hub.AddSilenceAsync(NewSilence(account: "x:1", expires: Now.AddMinutes(-1))));

        Assert.Equal("silence.ExpiresAt", error.ParamName);
    }

    [Fact]
    public async Task Simultaneous_surges_of_group_members_form_one_incident_that_later_members_join()
    {
        var start = new DateTimeOffset(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
        var president = EpisodeBuilder.For("x:1").InGroups("azerbaijan-official").Starting(start);
        var ministry = EpisodeBuilder.For("x:2").InGroups("azerbaijan-official").Starting(start.AddDays(1));
        var embassy = EpisodeBuilder.For("x:3").InGroups("azerbaijan-official").Starting(start.AddDays(5));

        await Hub.PublishAsync([president.Opened()]);
        var alone = await Hub.ListIncidentsAsync();
        await Hub.PublishAsync([ministry.Opened()]);
        await Hub.PublishAsync([embassy.Opened()]);

        Assert.Empty(alone);
        var incident = Assert.Single(await Hub.ListIncidentsAsync());
        Assert.Equal("incident-azerbaijan-official-surge-20200927T000000Z", incident.Id);
        Assert.Equal(["x:1", "x:2", "x:3"], incident.Accounts);
        Assert.Equal(start, incident.Start);
        Assert.Null(incident.End);
        foreach (var id in new[] { president.Id, ministry.Id, embassy.Id })
        {
            Assert.Equal(incident.Id, (await Hub.GetAsync(id))!.IncidentId);
        }
    }

    [Fact]
    public async Task Alerts_of_another_kind_another_group_or_far_apart_form_no_incident()
    {
        var start = new DateTimeOffset(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
        await Hub.PublishAsync(
        [
            EpisodeBuilder.For("x:1").InGroups("g1").Starting(start).Ended(start.AddDays(3)).Resolved(),
            EpisodeBuilder.For("x:2").InGroups("g1").Kind("drop").Starting(start).Opened(),
            EpisodeBuilder.For("x:3").InGroups("g2").Starting(start).Opened(),
            EpisodeBuilder.For("x:4").InGroups("g1").Starting(start.AddDays(6)).Opened(),
        ]);

        Assert.Empty(await Hub.ListIncidentsAsync());
    }

    [Fact]
    public async Task An_incident_ends_when_all_its_episodes_have_ended()
    {
        var start = new DateTimeOffset(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);
        var a = EpisodeBuilder.For("x:1").InGroups("g").Starting(start);
        var b = EpisodeBuilder.For("x:2").InGroups("g").Starting(start);
        await Hub.PublishAsync([a.Opened(), b.Opened()]);
        await Hub.PublishAsync([a.Ended(start.AddDays(40)).Resolved()]);
        var halfway = Assert.Single(await Hub.ListIncidentsAsync());
        await Hub.PublishAsync([b.Ended(start.AddDays(44)).Resolved()]);

        Assert.Null(halfway.End);
        Assert.Equal(start.AddDays(44), Assert.Single(await Hub.ListIncidentsAsync()).End);
    }

    [Fact]
    public async Task A_large_incident_ends_only_with_its_last_member_and_takes_the_latest_end()
    {
        var start = new DateTimeOffset(2022, 3, 1, 0, 0, 0, TimeSpan.Zero);
        const int members = 120;
        var drops = Enumerable.Range(0, members)
            .Select(i => EpisodeBuilder.For($"x:{i}").Kind("drop").InGroups("g").Starting(start.AddHours(i % 24)))
            .ToList();
        foreach (var batch in drops.Chunk(40))
        {
            await Hub.PublishAsync([.. batch.Select(d => d.Opened())]);
        }

        // Each member ends in its own publish, in an order unrelated to its end time; the latest end is member 0's.
        var ends = Enumerable.Range(0, members).ToDictionary(i => i, i => start.AddDays(10).AddHours(i == 0 ? 500 : (i * 37) % 300));
        for (var i = members - 1; i >= 1; i--)
        {
            await Hub.PublishAsync([drops[i].Ended(ends[i]).Resolved()]);
        }

        Assert.Null(Assert.Single(await Hub.ListIncidentsAsync()).End);
        await Hub.PublishAsync([drops[0].Ended(ends[0]).Resolved()]);

        var incident = Assert.Single(await Hub.ListIncidentsAsync());
        Assert.Equal(members, incident.AlertIds.Count);
        Assert.Equal(ends[0], incident.End);
    }

    [Fact]
    public async Task A_commit_that_fails_writes_nothing_of_its_batch()
    {
        var store = _silo.Get<IAlertStore>();
        var first = EpisodeBuilder.For("x:1").InGroups("g").View();
        var second = EpisodeBuilder.For("x:2").InGroups("g").View();
        var writes = new AlertStoreWrites();
        writes.Alerts[first.Id] = first;
        writes.Changes.Add(new AlertChange(1, "opened", first));
        await store.CommitAsync(writes, CancellationToken.None);

        // The second commit's change takes a sequence already written (as a second hub activation's would): all of it fails.
        var clash = new AlertStoreWrites();
        clash.Alerts[second.Id] = second;
        clash.Changes.Add(new AlertChange(2, "opened", second));
        clash.Changes.Add(new AlertChange(1, "opened", second));
        await Assert.ThrowsAnyAsync<Exception>(() => store.CommitAsync(clash, CancellationToken.None));

        Assert.Equal([first.Id], (await store.GetAlertsAsync([first.Id, second.Id], CancellationToken.None)).Select(alert => alert.Id));
        Assert.Equal(1, await store.GetLastSequenceAsync(CancellationToken.None));
        Assert.Equal(1, await store.CountAlertsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Change_sequences_increase_by_one_and_reads_resume_after_a_sequence()
    {
        for (var i = 0; i < 12; i++)
        {
            await Hub.PublishAsync([EpisodeBuilder.For($"x:{i}").Opened()]);
        }

        var all = await Hub.ReadChangesAsync(0, 100);
        var rest = await Hub.ReadChangesAsync(all[4].Sequence, 100);
        var two = await Hub.ReadChangesAsync(all[4].Sequence, 2);

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), all.Select(c => c.Sequence));
        Assert.Equal(all.Skip(5).Select(c => c.Sequence), rest.Select(c => c.Sequence));
        Assert.Equal([all[5].Sequence, all[6].Sequence], two.Select(c => c.Sequence));
    }

    [Fact]
    public async Task Queries_filter_and_page_newest_first()
    {
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var events = Enumerable.Range(0, 7)
            .Select(i => EpisodeBuilder.For($"x:{i}").Kind(i % 2 == 0 ? "surge" : "drop").InGroups("g").Starting(start.AddDays(i)).Opened())
            .ToList();
        await Hub.PublishAsync(events);

        var first = await Hub.QueryAsync(new AlertQuery(Kind: "surge", Limit: 3));
        var second = await Hub.QueryAsync(new AlertQuery(Kind: "surge", Limit: 3, Cursor: first.NextCursor));

        Assert.Equal(["x:6", "x:4", "x:2"], first.Items.Select(a => a.Account));
        Assert.Equal(["x:0"], second.Items.Select(a => a.Account));
        Assert.Null(second.NextCursor);
        Assert.Equal(3, (await Hub.QueryAsync(new AlertQuery(Kind: "drop"))).Items.Count);
        Assert.Single((await Hub.QueryAsync(new AlertQuery(Account: "x:3"))).Items);
    }

    [Fact]
    public async Task A_regex_silence_mutes_exactly_the_matching_alerts()
    {
        await Hub.AddSilenceAsync(NewSilence() with { Matchers = [new("account", "=~", "x:1[0-9]"), new("kind", "=", "drop")] });
        var episodes = new[]
        {
            EpisodeBuilder.For("x:1").Kind("drop"),
            EpisodeBuilder.For("x:10").Kind("drop"),
            EpisodeBuilder.For("x:19").Kind("drop"),
            EpisodeBuilder.For("x:100").Kind("drop"),
            EpisodeBuilder.For("x:15").Kind("surge"),
            EpisodeBuilder.For("mastodon:x:10").Kind("drop"),
        };

        await Hub.PublishAsync([.. episodes.Select(e => e.Opened())]);

        var silenced = new List<string>();
        foreach (var episode in episodes)
        {
            if ((await Hub.GetAsync(episode.Id))!.Silenced)
            {
                silenced.Add(episode.Id);
            }
        }

        Assert.Equal([episodes[1].Id, episodes[2].Id], silenced);
    }

    [Fact]
    public async Task A_negative_matcher_mutes_what_does_not_match_and_a_bad_regex_is_refused()
    {
        await Hub.AddSilenceAsync(NewSilence(kind: "drop") with { Matchers = [new("platform", "!~", "x|bluesky")] });
        var onX = EpisodeBuilder.For("x:1").Kind("drop");
        var onMastodon = EpisodeBuilder.For("mastodon:mastodon.social:1").Kind("drop");
        await Hub.PublishAsync([onX.Opened(), onMastodon.Opened()]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Hub.AddSilenceAsync(NewSilence() with { Matchers = [new("group", "=~", "turkic(")] }));

        Assert.False((await Hub.GetAsync(onX.Id))!.Silenced);
        Assert.True((await Hub.GetAsync(onMastodon.Id))!.Silenced);
        Assert.Contains("turkic(", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_silence_expires_it_and_keeps_it_in_the_history()
    {
        var silence = await Hub.AddSilenceAsync(NewSilence(group: "g"));
        _time.Advance(TimeSpan.FromMinutes(5));

        await Hub.RemoveSilenceAsync(silence.Id);

        Assert.Empty(await Hub.ListSilencesAsync());
        var kept = Assert.Single(await Hub.ListSilenceHistoryAsync());
        Assert.Equal(silence.Id, kept.Id);
        Assert.InRange(kept.ExpiresAt, Now.AddMinutes(5), _time.GetUtcNow());
    }

    [Fact]
    public async Task An_open_outage_inhibits_the_drops_and_stalls_of_its_platform_until_it_ends()
    {
        var start = new DateTimeOffset(2020, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var earlierDrop = EpisodeBuilder.For("x:1").Kind("drop").Starting(start);
        var outage = EpisodeBuilder.For("").OnPlatform("x").Kind("outage", "critical").Starting(start.AddHours(1));
        var stall = EpisodeBuilder.For("x:2").Kind("stall").Starting(start.AddHours(2));
        var surge = EpisodeBuilder.For("x:3").Starting(start.AddHours(2));
        var otherPlatform = EpisodeBuilder.For("bluesky:did:plc:abc").Kind("drop").Starting(start.AddHours(2));

        await Hub.PublishAsync([earlierDrop.Opened()]);
        await Hub.PublishAsync([outage.Opened()]);
        await Hub.PublishAsync([stall.Opened(), surge.Opened(), otherPlatform.Opened()]);
        var during = await InhibitorsAsync(earlierDrop, stall, surge, otherPlatform);
        await Hub.PublishAsync([outage.Ended(start.AddHours(5)).Resolved()]);
        var after = await InhibitorsAsync(earlierDrop, stall, surge, otherPlatform);

        Assert.Equal([outage.Id, outage.Id, null, null], during);
        Assert.Equal([null, null, null, null], after);
        Assert.Equal("x", (await Hub.GetAsync(outage.Id))!.Platform);
        var dropChanges = (await Hub.ReadChangesAsync(0, 100)).Where(c => c.Alert.Id == earlierDrop.Id).Select(c => (c.Change, c.Alert.InhibitedBy));
        Assert.Equal([("opened", null), ("updated", outage.Id), ("updated", null)], dropChanges);
    }

    [Fact]
    public async Task An_unavailable_account_inhibits_its_own_drop_and_no_other()
    {
        var unavailable = EpisodeBuilder.For("x:1").Kind("unavailable");
        var ownDrop = EpisodeBuilder.For("x:1").Kind("drop");
        var otherDrop = EpisodeBuilder.For("x:2").Kind("drop");

        await Hub.PublishAsync([unavailable.Opened(), ownDrop.Opened(), otherDrop.Opened()]);

        Assert.Equal([unavailable.Id, null], await InhibitorsAsync(ownDrop, otherDrop));
    }

    [Fact]
    public async Task One_purge_across_500_accounts_of_a_group_is_one_incident()
    {
        var start = new DateTimeOffset(2022, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var drops = Enumerable.Range(0, 500)
            .Select(i => EpisodeBuilder.For($"x:{i}").Kind("drop").InGroups("turkic-mfa").Starting(start.AddHours(i % 24)))
            .ToList();

        // As the router delivers them: in batches.
        foreach (var batch in drops.Chunk(100))
        {
            await Hub.PublishAsync([.. batch.Select(d => d.Opened())]);
        }

        var incident = Assert.Single(await Hub.ListIncidentsAsync());
        Assert.Equal(500, incident.Accounts.Count);
        Assert.Equal(drops.Select(d => d.Id).Order(StringComparer.Ordinal), incident.AlertIds);
        Assert.Equal(start, incident.Start);
        var page = await Hub.QueryAsync(new AlertQuery(Group: "turkic-mfa", Limit: 1_000));
        Assert.Equal(500, page.Items.Count);
        Assert.All(page.Items, alert => Assert.Equal(incident.Id, alert.IncidentId));
    }

    [Fact]
    public async Task Queries_filter_by_status_severity_group_and_since_in_the_store()
    {
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var critical = EpisodeBuilder.For("x:1").Kind("drop", "critical").InGroups("g1").Starting(start);
        var warning = EpisodeBuilder.For("x:2").Kind("drop", "warning").InGroups("g2").Starting(start.AddDays(1));
        await Hub.PublishAsync([critical.Opened(), warning.Opened()]);
        _time.Advance(TimeSpan.FromHours(1));
        await Hub.AcknowledgeAsync(warning.Id, "analyst");

        Assert.Equal([critical.Id], (await Hub.QueryAsync(new AlertQuery(Severity: "CRITICAL"))).Items.Select(a => a.Id));
        Assert.Equal([warning.Id], (await Hub.QueryAsync(new AlertQuery(Status: "acknowledged"))).Items.Select(a => a.Id));
        Assert.Equal([critical.Id], (await Hub.QueryAsync(new AlertQuery(Group: "g1"))).Items.Select(a => a.Id));
        Assert.Equal([warning.Id], (await Hub.QueryAsync(new AlertQuery(Since: Now.AddMinutes(30)))).Items.Select(a => a.Id));
        await Assert.ThrowsAsync<ArgumentException>(() => Hub.QueryAsync(new AlertQuery(Cursor: "not-a-cursor")));
    }

    private async Task<List<string?>> InhibitorsAsync(params EpisodeBuilder[] episodes)
    {
        var inhibitors = new List<string?>();
        foreach (var episode in episodes)
        {
            inhibitors.Add((await Hub.GetAsync(episode.Id))!.InhibitedBy);
        }

        return inhibitors;
    }

    private static Silence NewSilence(string? account = null, string? group = null, string? kind = null, string? severity = null, DateTimeOffset? expires = null) =>
        new("", account, group, kind, severity, expires ?? Now.AddDays(7), "test", "tester", default);
}
