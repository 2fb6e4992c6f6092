using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Accounts;
using Monitor.Grains.Tests.Support;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace Monitor.Grains.Tests.Accounts;

/// <summary>The account grain in a real silo, run on every storage provider.</summary>
public abstract class AccountGrainTests : IAsyncLifetime
{
    /// <summary>The clock of the silo: just after the synthetic series end.</summary>
    protected static readonly DateTimeOffset Now = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected static readonly DateTimeOffset WarStart = new(2020, 9, 27, 0, 0, 0, TimeSpan.Zero);

    protected static readonly DateTimeOffset WarEnd = new(2020, 11, 10, 0, 0, 0, TimeSpan.Zero);

    protected ManualTimeProvider Time { get; } = new(Now);

    protected TestSilo Silo { get; set; } = null!;

    protected abstract MonitorStorageOptions Storage { get; }

    public virtual async ValueTask InitializeAsync() => Silo = await TestSilo.StartAsync(Storage, Time);

    public virtual async ValueTask DisposeAsync() => await Silo.DisposeAsync();

    protected IAccountGrain Account(string key) => Silo.Grains.GetGrain<IAccountGrain>(key);

    protected IAlertHubGrain Hub => Silo.Grains.GetGrain<IAlertHubGrain>("global");

    /// <summary>Stops the silo gracefully and starts a new one on the same storage (empty again for memory).</summary>
    protected async Task RestartAsync(Action<AccountGrainOptions>? configure = null, Func<IGrainStorage, Task>? beforeFirstCall = null)
    {
        await Silo.DisposeAsync();
        Silo = await TestSilo.StartAsync(Storage, Time, silo => silo.Services.Configure<AccountGrainOptions>(options =>
        {
            options.StallReminder = false;
            configure?.Invoke(options);
        }));
        if (beforeFirstCall is not null)
        {
            await beforeFirstCall(Silo.Services.GetRequiredKeyedService<IGrainStorage>("Default"));
        }
    }

    /// <summary>Sends the points in batches, as the API would, and returns the summed result.</summary>
    protected static async Task<(int Accepted, int Duplicates, int Rejected)> RecordInBatchesAsync(IAccountGrain account, List<ObservationInput> points, int batchSize = 30)
    {
        var (accepted, duplicates, rejected) = (0, 0, 0);
        foreach (var batch in points.Chunk(batchSize))
        {
            var result = await account.RecordAsync(batch);
            accepted += result.Accepted;
            duplicates += result.Duplicates;
            rejected += result.Rejected.Count;
        }

        return (accepted, duplicates, rejected);
    }

    [Fact]
    public async Task An_unconfigured_account_rejects_every_observation_as_unknown()
    {
        var points = SeriesBuilder.For("x:100").Between(Now.AddDays(-3), Now.AddDays(-1)).Build();

        var result = await Account("x:100").RecordAsync(points);

        Assert.Equal(0, result.Accepted);
        Assert.Equal([0, 1, 2], result.Rejected.Select(r => r.Index));
        Assert.All(result.Rejected, r => Assert.Equal("account", r.Field));
        Assert.All(result.Rejected, r => Assert.Contains("unknown account", r.Reason, StringComparison.Ordinal));
        Assert.Null(await Account("x:100").GetSummaryAsync());
    }

    [Fact]
    public async Task Recorded_points_show_in_the_summary_and_the_directory()
    {
        var account = Account("x:101");
        await account.ConfigureAsync(new AccountProfile("mfa", "Ministry", ["turkic-mfa"]));
        var points = SeriesBuilder.For("x:101").Between(Now.AddDays(-40), Now.AddDays(-1)).Build();

        var recorded = await RecordInBatchesAsync(account, points);
        var summary = await account.GetSummaryAsync();

        Assert.Equal((40, 0, 0), recorded);
        Assert.NotNull(summary);
        Assert.Equal((points[^1].Timestamp, points[^1].Followers, points[^1].Posts), (summary.LastObservedAt!.Value, summary.Followers!.Value, summary.Posts!.Value));
        Assert.Equal(points[^1].Followers - points[^8].Followers, summary.Growth7d.NetChange);
        Assert.Equal("x", summary.Platform);
        var listed = await WaitForGroupMemberAsync("turkic-mfa", "x:101", member => member.Followers == summary.Followers);
        Assert.Equal(("x:101", summary.Followers), (listed.Account, listed.Followers));
    }

    [Fact]
    public async Task A_busy_account_shows_its_first_batch_in_the_directory_at_once_and_its_last_batch_soon_after()
    {
        var account = Account("x:103");
        await account.ConfigureAsync(new AccountProfile("mfa", "Ministry", ["busy"]));
        var points = SeriesBuilder.For("x:103").Between(Now.AddDays(-10), Now.AddDays(-1)).Build();

        await account.RecordAsync(points.Take(5).ToList());
        var first = Assert.Single(await Silo.Get<IAccountDirectory>().GetGroupMembersAsync("busy", TestContext.Current.CancellationToken));
        await account.RecordAsync(points.Skip(5).ToList());
        var last = await WaitForGroupMemberAsync("busy", "x:103", member => member.Followers == points[^1].Followers);

        Assert.Equal(points[4].Followers, first.Followers);
        Assert.Equal(points[^1].Timestamp, last.LastObservedAt);
    }

    // The directory is refreshed in the background (at most once per interval per account), so tests wait for it.
    private async Task<AccountSummary> WaitForGroupMemberAsync(string group, string account, Func<AccountSummary, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var members = await Silo.Get<IAccountDirectory>().GetGroupMembersAsync(group, TestContext.Current.CancellationToken);
            var member = members.SingleOrDefault(m => m.Account == account);
            if (member is not null && condition(member))
            {
                return member;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The directory never showed the expected figures of {account}; last seen: {member}.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Re_sending_a_batch_counts_duplicates_and_doubles_nothing()
    {
        var account = Account("x:102");
        await account.ConfigureAsync(new AccountProfile());
        var points = SeriesBuilder.For("x:102").Between(Now.AddDays(-20), Now.AddDays(-1)).Build();
        await account.RecordAsync(points);
        var before = await account.GetHistoryAsync(Now.AddDays(-30), Now, HistoryResolution.Raw);

        var again = await account.RecordAsync(points);
        var after = await account.GetHistoryAsync(Now.AddDays(-30), Now, HistoryResolution.Raw);

        Assert.Equal((0, points.Count), (again.Accepted, again.Duplicates));
        Assert.Equal(points.Count, after.Count);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_raw_history_query_past_the_raw_tier_returns_the_older_points_at_a_coarser_tier()
    {
        var account = Account("x:107");
        await account.ConfigureAsync(new AccountProfile());
        var points = SeriesBuilder.For("x:107").Between(Now.AddDays(-60), Now.AddDays(-1)).Build();
        await RecordInBatchesAsync(account, points);

        var history = await account.GetHistoryAsync(Now.AddDays(-90), Now, HistoryResolution.Raw);

        // One point a day: every day appears once, at its own time or its bucket's start, with its own count.
        Assert.Equal(points.Select(p => p.Followers), history.Select(p => p.Followers));
        Assert.Equal(points.Select(p => p.Timestamp.Date), history.Select(p => p.Timestamp.UtcDateTime.Date));
        Assert.Equal(history.OrderBy(p => p.Timestamp).Select(p => p.Timestamp), history.Select(p => p.Timestamp));
    }

    [Fact]
    public async Task Bad_items_are_rejected_one_by_one_naming_the_field_and_the_rest_is_stored()
    {
        var account = Account("x:103");
        await account.ConfigureAsync(new AccountProfile());
        ObservationInput[] batch =
        [
            new("x:103", Now.AddDays(-2), 1_000),
            new("x:103", Now.AddDays(-1), -5),
            new("x:999", Now.AddDays(-1), 1_000),
            new("x:103", Now.AddDays(3), 1_000),
            new("x:103", Now.AddHours(-1), 1_010, Posts: -1),
        ];

        var result = await account.RecordAsync(batch);

        Assert.Equal(1, result.Accepted);
        Assert.Equal([(1, "followers"), (2, "account"), (3, "timestamp"), (4, "posts")], result.Rejected.Select(r => (r.Index, r.Field)));
        Assert.Single(await account.GetHistoryAsync(Now.AddDays(-10), Now.AddDays(10), HistoryResolution.Raw));
    }

    [Fact]
    public async Task A_wartime_surge_opens_exactly_one_surge_alert_that_resolves_when_the_episode_ends()
    {
        var account = Account("x:104");
        await account.ConfigureAsync(new AccountProfile("presidentaz", Groups: ["azerbaijan-official"]));
        var points = SeriesBuilder.For("x:104").Surge(WarStart, WarEnd, 6_000).Build();

        await RecordInBatchesAsync(account, points);

        var alerts = (await Hub.QueryAsync(new AlertQuery(Account: "x:104"))).Items;
        var surge = Assert.Single(alerts);
        Assert.Equal("surge", surge.Kind);
        Assert.Equal("resolved", surge.Status);
        Assert.InRange(surge.Start, WarStart.AddDays(-3), WarStart.AddDays(7));
        Assert.InRange(surge.End!.Value, WarEnd.AddDays(-7), WarEnd.AddDays(14));
        Assert.Equal(["azerbaijan-official"], surge.Groups);
        Assert.Empty((await account.GetSummaryAsync())!.OpenEpisodes);
    }

    [Fact]
    public async Task A_silent_account_gets_one_stall_alert_from_the_reminder_that_resolves_when_data_resumes()
    {
        var account = Account("x:108");
        await account.ConfigureAsync(new AccountProfile());
        var points = SeriesBuilder.For("x:108").Between(Now.AddDays(-60), Now.AddDays(-1)).Build();
        await RecordInBatchesAsync(account, points);
        var reminder = Silo.Grains.GetGrain<IRemindable>(GrainId.Create("account", "x:108"));
        var tick = new TickStatus(Now.UtcDateTime, TimeSpan.FromHours(1), Now.UtcDateTime);

        await reminder.ReceiveReminder(AccountGrain.StallReminderName, tick, TestContext.Current.CancellationToken);
        var beforeSilence = (await Hub.QueryAsync(new AlertQuery(Account: "x:108", Kind: "stall"))).Items;
        Time.Advance(TimeSpan.FromDays(5));
        await reminder.ReceiveReminder(AccountGrain.StallReminderName, tick, TestContext.Current.CancellationToken);
        await reminder.ReceiveReminder(AccountGrain.StallReminderName, tick, TestContext.Current.CancellationToken);
        var stall = Assert.Single((await Hub.QueryAsync(new AlertQuery(Account: "x:108", Kind: "stall"))).Items);
        await account.RecordAsync([new ObservationInput("x:108", Time.GetUtcNow().AddHours(-1), points[^1].Followers + 900)]);

        Assert.Empty(beforeSilence);
        Assert.Equal("open", stall.Status);
        Assert.Equal("resolved", (await Hub.GetAsync(stall.Id))!.Status);
    }

    [Fact]
    public async Task The_registered_stall_reminder_fires_by_itself_and_opens_a_stall_alert_once_the_account_falls_silent()
    {
        // Orleans' reminder service delivers the ticks (from the provider's reminder table); the test only moves the clock.
        await RestartAsync(options =>
        {
            options.StallReminder = true;
            options.StallCheckPeriod = TimeSpan.FromSeconds(1);
        });
        var account = Account("x:110");
        await account.ConfigureAsync(new AccountProfile());
        var points = SeriesBuilder.For("x:110").Between(Now.AddDays(-60), Now.AddDays(-1)).Build();
        await RecordInBatchesAsync(account, points);
        // A tick may land mid-backfill, when the latest point is weeks old, and open a stall the next batch resolves;
        // what must hold is that none is open once the history is in and one opens after the silence.
        var beforeSilence = (await Hub.QueryAsync(new AlertQuery(Status: "open", Account: "x:110", Kind: "stall"))).Items;

        Time.Advance(TimeSpan.FromDays(5));
        var stall = await WaitForAlertAsync("x:110", "stall");
        var summary = await account.GetSummaryAsync();

        Assert.Empty(beforeSilence);
        Assert.Equal(("open", "x:110"), (stall.Status, stall.Account));
        Assert.NotNull(summary);
        Assert.Contains(summary.OpenEpisodes, episode => episode.Id == stall.Id);
    }

    // Reminder ticks arrive in the background, so the test polls the hub until an open alert shows (or the deadline passes).
    protected async Task<AlertView> WaitForAlertAsync(string account, string kind)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var alert = (await Hub.QueryAsync(new AlertQuery(Status: "open", Account: account, Kind: kind))).Items.SingleOrDefault();
            if (alert is not null)
            {
                return alert;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {kind} alert of {account} appeared within 30 s.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Configuring_registers_the_stall_reminder_and_removing_unregisters_it()
    {
        await RestartAsync(options => options.StallReminder = true);
        var account = Account("x:109");
        var grainId = GrainId.Create("account", "x:109");

        await account.ConfigureAsync(new AccountProfile());
        var registered = (await Silo.Get<IReminderTable>().ReadRows(grainId, TestContext.Current.CancellationToken)).Reminders;
        await account.RemoveAsync();
        var afterRemove = (await Silo.Get<IReminderTable>().ReadRows(grainId, TestContext.Current.CancellationToken)).Reminders;

        var row = Assert.Single(registered);
        Assert.Equal((AccountGrain.StallReminderName, TimeSpan.FromHours(1)), (row.ReminderName, row.Period));
        Assert.Empty(afterRemove);
    }

    [Fact]
    public async Task Configuring_again_registers_a_stall_reminder_that_is_missing_as_after_a_crash_between_state_and_reminder()
    {
        await RestartAsync(options => options.StallReminder = true);
        var account = Account("x:111");
        var grainId = GrainId.Create("account", "x:111");
        var table = Silo.Get<IReminderTable>();
        await account.ConfigureAsync(new AccountProfile());
        var first = Assert.Single((await table.ReadRows(grainId, TestContext.Current.CancellationToken)).Reminders);

        // The state says configured, the reminder row is gone: what a silo dying between the two writes leaves behind.
        Assert.True(await table.RemoveRow(grainId, first.ReminderName, first.ETag!, TestContext.Current.CancellationToken));
        await account.ConfigureAsync(new AccountProfile(Tags: ["retried"]));
        var again = (await table.ReadRows(grainId, TestContext.Current.CancellationToken)).Reminders;

        var row = Assert.Single(again);
        Assert.Equal((AccountGrain.StallReminderName, TimeSpan.FromHours(1)), (row.ReminderName, row.Period));
    }

    [Fact]
    public async Task Removing_an_account_forgets_its_history_and_directory_row()
    {
        var account = Account("x:105");
        await account.ConfigureAsync(new AccountProfile(Groups: ["g"]));
        await account.RecordAsync(SeriesBuilder.For("x:105").Between(Now.AddDays(-5), Now.AddDays(-1)).Build());

        var removed = await account.RemoveAsync();

        Assert.True(removed);
        Assert.Null(await account.GetSummaryAsync());
        Assert.Empty(await Silo.Get<IAccountDirectory>().GetGroupMembersAsync("g", TestContext.Current.CancellationToken));
        Assert.Equal(3, (await account.RecordAsync(SeriesBuilder.For("x:105").Between(Now.AddDays(-3), Now.AddDays(-1)).Build())).Rejected.Count);
        Assert.False(await Account("x:106").RemoveAsync());
    }
}
