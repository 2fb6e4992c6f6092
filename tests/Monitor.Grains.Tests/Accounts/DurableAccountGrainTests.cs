using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Accounts;
using Monitor.Grains.Observations;
using Monitor.Grains.Tests.Support;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace Monitor.Grains.Tests.Accounts;

/// <summary>Account grain recovery across silo restarts, on the providers that keep data.</summary>
public abstract class DurableAccountGrainTests : AccountGrainTests
{
    [Fact]
    public async Task A_new_silo_on_the_same_database_rebuilds_identical_history_and_open_episodes()
    {
        var account = Account("x:200");
        await account.ConfigureAsync(new AccountProfile("presidentaz", Groups: ["azerbaijan-official"]));
        // The series ends in the middle of the surge, so the episode is still open.
        var points = SeriesBuilder.For("x:200").Between(new DateTimeOffset(2019, 6, 1, 0, 0, 0, TimeSpan.Zero), WarStart.AddDays(20))
            .Surge(WarStart, WarEnd, 6_000).Build();
        await RecordInBatchesAsync(account, points);
        var before = await SnapshotAsync(Account("x:200"));

        await RestartAsync();
        var after = await SnapshotAsync(Account("x:200"));

        Assert.NotEmpty(before.Raw);
        Assert.Equal(before.Raw, after.Raw);
        Assert.Equal(before.Daily, after.Daily);
        Assert.Equal("surge", Assert.Single(after.Summary.OpenEpisodes).Kind);
        Assert.Equal(AlertText.Of(before.Summary.OpenEpisodes), AlertText.Of(after.Summary.OpenEpisodes));
        Assert.Equal(before.Summary.Followers, after.Summary.Followers);
    }

    [Fact]
    public async Task Replaying_the_log_after_a_checkpoint_older_than_it_publishes_no_duplicate_alert()
    {
        await RestartAsync(options => options.CheckpointEveryBatches = 4);
        var account = Account("x:201");
        await account.ConfigureAsync(new AccountProfile(Groups: ["azerbaijan-official"]));
        var points = SeriesBuilder.For("x:201").Surge(WarStart, WarEnd, 6_000).Build();
        var firstHalf = points.Count / 2;
        await RecordInBatchesAsync(account, points[..firstHalf]);
        var stale = await ReadStateAsync("x:201");
        await RecordInBatchesAsync(account, points[firstHalf..]);
        var history = await Account("x:201").GetHistoryAsync(DateTimeOffset.MinValue, Now, HistoryResolution.Day);
        var changes = await Hub.ReadChangesAsync(0, 1_000);

        // As if the process died half way: the checkpoint knows the first half (or less), the log has every point.
        Assert.NotNull(stale.History);
        await RestartAsync(beforeFirstCall: storage => WriteStateAsync(storage, "x:201", stale));
        var replayed = await Account("x:201").GetHistoryAsync(DateTimeOffset.MinValue, Now, HistoryResolution.Day);

        Assert.Equal(history, replayed);
        var alert = Assert.Single((await Hub.QueryAsync(new AlertQuery(Account: "x:201"))).Items);
        Assert.Equal(("surge", "resolved"), (alert.Kind, alert.Status));
        Assert.Equal(AlertText.Of(changes), AlertText.Of(await Hub.ReadChangesAsync(0, 1_000)));
    }

    [Fact]
    public async Task Rows_another_activation_appended_are_folded_in_before_a_checkpoint_passes_them()
    {
        var (account, start) = await TwoPointsThenAForeignRowAsync("x:203");
        await account.RecordAsync([new ObservationInput("x:203", start.AddHours(3), 1_030)]);

        await AssertFourPointsServedAndRestoredAsync("x:203");
    }

    [Fact]
    public async Task An_activation_that_must_rebuild_after_another_activation_checkpointed_steps_down_and_loses_no_point()
    {
        var (account, start) = await TwoPointsThenAForeignRowAsync("x:204");

        // A checkpoint (a new ETag) goes into storage behind the activation's back too, as its successor's would. Its next
        // checkpoint finds the row it did not fold, so it must rebuild from the stored checkpoint, which it no longer holds
        // in memory and reads back: another ETag, so it steps down.
        await WriteStateAsync(Silo.Services.GetRequiredKeyedService<IGrainStorage>("Default"), "x:204", await ReadStateAsync("x:204"));
        var result = await account.RecordAsync([new ObservationInput("x:204", start.AddHours(3), 1_030)]);

        Assert.Equal((1, 0), (result.Accepted, result.Rejected.Count));
        await AssertFourPointsServedAndRestoredAsync("x:204");
    }

    [Fact]
    public async Task With_ownership_checks_an_activation_whose_checkpoint_another_wrote_refuses_the_write_and_appends_nothing()
    {
        await RestartAsync(options => options.OwnershipCheckInterval = TimeSpan.Zero);
        var account = Account("x:205");
        await account.ConfigureAsync(new AccountProfile());
        var start = Now.AddDays(-3);
        await account.RecordAsync([new ObservationInput("x:205", start, 1_000), new ObservationInput("x:205", start.AddHours(1), 1_010)]);

        // A successor's checkpoint (a new ETag) goes into storage behind this activation's back, as on a silo declared dead.
        await WriteStateAsync(Silo.Services.GetRequiredKeyedService<IGrainStorage>("Default"), "x:205", await ReadStateAsync("x:205"));
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(
            () => account.RecordAsync([new ObservationInput("x:205", start.AddHours(2), 1_020)]));
        var logged = await CountLoggedAsync("x:205");

        // The caller's retry reaches a new activation, which restores from the stored checkpoint and the log.
        var retried = await account.RecordAsync([new ObservationInput("x:205", start.AddHours(2), 1_020)]);
        var raw = await account.GetHistoryAsync(DateTimeOffset.MinValue, Now, HistoryResolution.Raw);

        Assert.Contains("another activation", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, logged);
        Assert.Equal((1, 0), (retried.Accepted, retried.Rejected.Count));
        Assert.Equal([1_000L, 1_010, 1_020], raw.Select(point => point.Followers));
        Assert.Equal(3, await CountLoggedAsync("x:205"));
    }

    [Fact]
    public async Task A_stall_reminder_registered_before_a_restart_fires_in_the_new_silo()
    {
        await RestartAsync(options =>
        {
            options.StallReminder = true;
            options.StallCheckPeriod = TimeSpan.FromSeconds(1);
        });
        var account = Account("x:202");
        await account.ConfigureAsync(new AccountProfile());
        await RecordInBatchesAsync(account, SeriesBuilder.For("x:202").Between(Now.AddDays(-60), Now.AddDays(-1)).Build());
        var beforeRestart = (await Hub.QueryAsync(new AlertQuery(Status: "open", Account: "x:202", Kind: "stall"))).Items;

        // The new silo registers no reminder itself: only the reminder table can bring the ticks back.
        await RestartAsync(options => options.StallReminder = false);
        Time.Advance(TimeSpan.FromDays(5));
        var stall = await WaitForAlertAsync("x:202", "stall");

        Assert.Empty(beforeRestart);
        Assert.Equal(("open", "x:202"), (stall.Status, stall.Account));
    }

    [Fact]
    public async Task An_account_read_after_a_restart_drops_its_detector_state_and_its_next_batches_continue_as_without_the_restart()
    {
        var points = SeriesBuilder.For("x:205").Surge(WarStart, WarEnd, 6_000).Build();
        var half = points.Count / 2;
        var control = Account("x:206");
        await control.ConfigureAsync(new AccountProfile());
        await RecordInBatchesAsync(control, [.. points.Select(point => point with { Account = "x:206" })]);
        var account = Account("x:205");
        await account.ConfigureAsync(new AccountProfile());
        await RecordInBatchesAsync(account, points[..half]);

        // A read is all the new activation serves before the rest arrives: it keeps no detector state, and the next batch
        // reads it back from the checkpoint.
        await RestartAsync();
        var read = await Account("x:205").GetSummaryAsync();
        await RecordInBatchesAsync(Account("x:205"), points[half..]);

        Assert.Equal(points[half - 1].Followers, read!.Followers);
        var expected = (await Hub.QueryAsync(new AlertQuery(Account: "x:206"))).Items.Select(alert => (alert.Kind, alert.Status, alert.Start, alert.End)).ToList();
        var actual = (await Hub.QueryAsync(new AlertQuery(Account: "x:205"))).Items.Select(alert => (alert.Kind, alert.Status, alert.Start, alert.End)).ToList();
        Assert.Contains(("surge", "resolved"), expected.Select(alert => (alert.Kind, alert.Status)));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task An_idle_activation_whose_checkpoint_another_activation_replaced_refuses_the_batch_before_storing_it_and_steps_down()
    {
        var account = Account("x:207");
        await account.ConfigureAsync(new AccountProfile());
        var start = Now.AddDays(-3);
        await account.RecordAsync([new ObservationInput("x:207", start, 1_000), new ObservationInput("x:207", start.AddHours(1), 1_010)]);
        await RestartAsync();
        await Account("x:207").GetSummaryAsync();

        // Another activation's checkpoint (a new ETag) lands behind this one's back while it holds no detector state.
        await WriteStateAsync(Silo.Services.GetRequiredKeyedService<IGrainStorage>("Default"), "x:207", await ReadStateAsync("x:207"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Account("x:207").RecordAsync([new ObservationInput("x:207", start.AddHours(2), 1_020)]));
        var retried = await RecordUntilAcceptedAsync(Account("x:207"), new ObservationInput("x:207", start.AddHours(2), 1_020));

        Assert.Equal((1, 0), (retried.Accepted, retried.Rejected.Count));
        var raw = await Account("x:207").GetHistoryAsync(DateTimeOffset.MinValue, Now, HistoryResolution.Raw);
        Assert.Equal([1_000L, 1_010, 1_020], raw.Select(point => point.Followers));
    }

    // The activation that stepped down deactivates once idle; until then a call may still reach it and be refused again.
    private static async Task<RecordResult> RecordUntilAcceptedAsync(IAccountGrain account, ObservationInput input)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await account.RecordAsync([input]);
            }
            catch (InconsistentStateException) when (attempt < 20)
            {
                await Task.Yield();
            }
        }
    }

    // An account that checkpoints every batch, holding two points; then a third goes into the log behind its activation's
    // back, as a stale activation on a silo declared dead would append it.
    private async Task<(IAccountGrain Account, DateTimeOffset Start)> TwoPointsThenAForeignRowAsync(string key)
    {
        await RestartAsync(options => options.CheckpointEveryBatches = 1);
        var account = Account(key);
        await account.ConfigureAsync(new AccountProfile());
        var start = Now.AddDays(-3);
        await account.RecordAsync([new ObservationInput(key, start, 1_000), new ObservationInput(key, start.AddHours(1), 1_010)]);
        var foreign = new ObservationRow(key, start.AddHours(2), 1_020, null, null, "other-activation", 0);
        Assert.True(await Silo.Get<IObservationLog>().AppendAsync([foreign], TestContext.Current.CancellationToken) > 0);
        return (account, start);
    }

    // The two points, the foreign row and a fourth point: as the cluster serves them, and as a new silo restores them.
    private async Task AssertFourPointsServedAndRestoredAsync(string key)
    {
        var raw = await Account(key).GetHistoryAsync(DateTimeOffset.MinValue, Now, HistoryResolution.Raw);
        Assert.Equal([1_000L, 1_010, 1_020, 1_030], raw.Select(point => point.Followers));

        await RestartAsync();
        var afterRestart = await Account(key).GetHistoryAsync(DateTimeOffset.MinValue, Now, HistoryResolution.Raw);
        Assert.Equal([1_000L, 1_010, 1_020, 1_030], afterRestart.Select(point => point.Followers));
    }

    private async Task<int> CountLoggedAsync(string key)
    {
        var rows = 0;
        await foreach (var _ in Silo.Get<IObservationLog>().ReadAfterAsync(key, 0, DateTimeOffset.MinValue, TestContext.Current.CancellationToken))
        {
            rows++;
        }

        return rows;
    }

    private async Task<AccountState> ReadStateAsync(string key)
    {
        var state = new GrainState<AccountState>(new AccountState());
        await Silo.Services.GetRequiredKeyedService<IGrainStorage>("Default").ReadStateAsync("account", GrainId.Create("account", key), state, TestContext.Current.CancellationToken);
        Assert.True(state.RecordExists);
        Assert.NotNull(state.State);
        return state.State;
    }

    private static async Task WriteStateAsync(IGrainStorage storage, string key, AccountState stale)
    {
        var current = new GrainState<AccountState>(new AccountState());
        await storage.ReadStateAsync("account", GrainId.Create("account", key), current, TestContext.Current.CancellationToken);
        Assert.True(current.RecordExists);
        current.State = stale;
        await storage.WriteStateAsync("account", GrainId.Create("account", key), current, TestContext.Current.CancellationToken);
    }

    private static async Task<(IReadOnlyList<HistoryPoint> Raw, IReadOnlyList<HistoryPoint> Daily, AccountSummary Summary)> SnapshotAsync(IAccountGrain account) =>
        (await account.GetHistoryAsync(DateTimeOffset.MinValue, Now, HistoryResolution.Raw),
         await account.GetHistoryAsync(DateTimeOffset.MinValue, Now, HistoryResolution.Day),
         (await account.GetSummaryAsync())!);
}
