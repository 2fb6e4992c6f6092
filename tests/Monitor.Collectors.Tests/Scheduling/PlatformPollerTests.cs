using System.Globalization;
using Microsoft.AspNetCore.Http;
using Monitor.Abstractions.Accounts;
using Monitor.Collectors.Clients;
using Monitor.Collectors.Hosting;
using Monitor.Collectors.Scheduling;
using Monitor.Collectors.Tests.Clients;
using Monitor.Collectors.Tests.Fakes;
using Xunit;

namespace Monitor.Collectors.Tests.Scheduling;

public sealed class PlatformPollerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_scheduler_never_exceeds_its_request_budget_over_a_simulated_hour()
    {
        var clock = new ManualClock(Start);
        await using var server = await FakePlatformServer.StartAsync(clock);
        server.Handler = ScriptedX.Users(clock, (_, _) => 1000);
        var settings = new PollerSettings { RequestsPerWindow = 10, BudgetWindow = TimeSpan.FromMinutes(15), BackoffJitter = 0 };
        var poller = Poller(server, clock, FixedAccounts.X(500), settings, batchSize: 10, out _);
        var state = new PlatformScheduleState();

        await RunMinutesAsync(poller, state, clock, 60);

        // 500 accounts in batches of 10 need 50 requests an hour; the budget allows 10 per 15 minutes.
        var times = server.Requests.Select(r => r.At).ToList();
        Assert.Equal(40, times.Count);
        foreach (var at in times)
        {
            Assert.True(times.Count(t => t > at - settings.BudgetWindow && t <= at) <= settings.RequestsPerWindow,
                $"more than {settings.RequestsPerWindow} requests in the 15 minutes before {at:O}");
        }
    }

    [Fact]
    public async Task A_429_delays_the_platform_exactly_until_the_reset_header()
    {
        var clock = new ManualClock(Start);
        await using var server = await FakePlatformServer.StartAsync(clock);
        var limited = true;
        var success = ScriptedX.Users(clock, (_, _) => 1000);
        server.Handler = context =>
        {
            if (!limited)
            {
                return success(context);
            }

            limited = false;
            context.Response.Headers["x-rate-limit-remaining"] = "0";
            context.Response.Headers["x-rate-limit-reset"] = clock.Now.AddMinutes(7).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return FakePlatformServer.Json(context, """{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}""", StatusCodes.Status429TooManyRequests);
        };
        var poller = Poller(server, clock, FixedAccounts.X(3), new PollerSettings(), batchSize: 100, out var recorder);
        var state = new PlatformScheduleState();

        await RunMinutesAsync(poller, state, clock, 10);

        Assert.Equal([Start, Start.AddMinutes(7)], server.Requests.Select(r => r.At));
        Assert.All(recorder.Results.Take(3), entry => Assert.Equal(PollStatus.RateLimited, entry.Result.Status));
        Assert.All(recorder.Results.Skip(3), entry => Assert.Equal(PollStatus.Ok, entry.Result.Status));
    }

    [Fact]
    public async Task A_retry_after_header_delays_the_platform_by_exactly_its_seconds()
    {
        var clock = new ManualClock(Start);
        await using var server = await FakePlatformServer.StartAsync(clock);
        var limited = true;
        var success = ScriptedX.Users(clock, (_, _) => 1000);
        server.Handler = context =>
        {
            if (!limited)
            {
                return success(context);
            }

            limited = false;
            context.Response.Headers.RetryAfter = "150";
            return FakePlatformServer.Json(context, """{"errors":[{"code":88,"message":"Rate limit exceeded"}]}""", StatusCodes.Status429TooManyRequests);
        };
        var poller = Poller(server, clock, FixedAccounts.X(1), new PollerSettings(), batchSize: 100, out _);
        var state = new PlatformScheduleState();

        // Ticks every 30 s: the retry must land on the first tick at or after 150 s, not before.
        for (var tick = 0; tick < 10; tick++)
        {
            await poller.TickAsync(state, Ct);
            clock.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(Start.AddSeconds(150), state.RateLimitedUntil);
        Assert.Equal([Start, Start.AddSeconds(150)], server.Requests.Select(r => r.At));
    }

    [Fact]
    public async Task Failed_requests_back_off_exponentially_and_then_open_the_circuit()
    {
        var clock = new ManualClock(Start);
        await using var server = await FakePlatformServer.StartAsync(clock);
        server.Handler = context => FakePlatformServer.Json(context, "{}", StatusCodes.Status503ServiceUnavailable);
        var settings = new PollerSettings
        {
            BackoffBase = TimeSpan.FromMinutes(1),
            BackoffMax = TimeSpan.FromHours(1),
            BackoffJitter = 0,
            FailuresToOpenCircuit = 3,
            CircuitOpenFor = TimeSpan.FromMinutes(30),
        };
        var poller = Poller(server, clock, FixedAccounts.X(2), settings, batchSize: 100, out var recorder);
        var state = new PlatformScheduleState();

        await RunMinutesAsync(poller, state, clock, 60);

        // Backoffs of 1 and 2 minutes, then the third failure opens the circuit for 30 minutes.
        Assert.Equal([Start, Start.AddMinutes(1), Start.AddMinutes(3), Start.AddMinutes(33)], server.Requests.Select(r => r.At));
        Assert.All(recorder.Results, entry => Assert.Equal(PollStatus.Error, entry.Result.Status));
        Assert.All(recorder.Results, entry => Assert.Null(entry.Result.Counts));
    }

    [Fact]
    public async Task The_third_failed_request_in_a_row_declares_an_outage_from_the_first_and_the_next_answer_ends_it()
    {
        var clock = new ManualClock(Start);
        await using var server = await FakePlatformServer.StartAsync(clock);
        var failing = true;
        var success = ScriptedX.Users(clock, (_, _) => 1000);
        server.Handler = context => failing ? FakePlatformServer.Json(context, "{}", StatusCodes.Status502BadGateway) : success(context);
        var settings = new PollerSettings { BackoffBase = TimeSpan.FromMinutes(1), BackoffJitter = 0, FailuresToDeclareOutage = 3, FailuresToOpenCircuit = 10 };
        var poller = Poller(server, clock, FixedAccounts.X(4), settings, batchSize: 2, out _);
        var state = new PlatformScheduleState();

        // Requests at 0, 1 and 3 minutes fail (backoffs of 1 and 2 minutes); the third declares the outage.
        await RunMinutesAsync(poller, state, clock, 3);
        Assert.Empty(state.PendingOutages);
        await RunMinutesAsync(poller, state, clock, 1);

        var opened = Assert.Single(state.PendingOutages);
        Assert.Equal(new Core.Collection.PlatformOutage("x", Start, null, 3, "HTTP 502"), opened);
        Assert.Equal(opened, state.Outage);

        failing = false;
        await RunMinutesAsync(poller, state, clock, 10);

        Assert.Equal(2, state.PendingOutages.Count);
        var resolved = state.PendingOutages[1];
        Assert.Equal((opened.Id, server.Requests.First(r => r.At > Start.AddMinutes(3)).At), (resolved.Id, resolved.End!.Value));
        Assert.Null(state.Outage);
    }

    [Fact]
    public async Task Backoff_is_jittered_within_its_bounds()
    {
        var clock = new ManualClock(Start);
        await using var server = await FakePlatformServer.StartAsync(clock);
        server.Handler = context => FakePlatformServer.Json(context, "{}", StatusCodes.Status500InternalServerError);
        var settings = new PollerSettings { BackoffBase = TimeSpan.FromMinutes(10), BackoffJitter = 0.2, FailuresToOpenCircuit = 100 };
        var backoffs = new HashSet<DateTimeOffset>();
        for (var seed = 0; seed < 20; seed++)
        {
            var poller = new PlatformPoller(new XClient(ClientHarness.Http(server), ClientHarness.Options(server)), settings, FixedAccounts.X(1), new RecordingRecorder(), clock, random: new Random(seed));
            var state = new PlatformScheduleState();
            await poller.TickAsync(state, Ct);
            Assert.InRange(state.BackoffUntil!.Value, Start.AddMinutes(8), Start.AddMinutes(12));
            backoffs.Add(state.BackoffUntil.Value);
        }

        Assert.True(backoffs.Count > 10, "backoffs should spread, not repeat");
    }

    [Fact]
    public async Task Accounts_are_polled_at_their_own_group_or_default_interval()
    {
        var clock = new ManualClock(Start);
        await using var server = await FakePlatformServer.StartAsync(clock);
        server.Handler = ScriptedX.Users(clock, (_, _) => 1000);
        var accounts = new FixedAccounts(
        [
            new PolledAccount("x:1", new AccountProfile(Tags: ["poll:00:15:00"])),
            new PolledAccount("x:2", new AccountProfile(Groups: ["fast", "slow"])),
            new PolledAccount("x:3", new AccountProfile()),
        ]);
        var settings = new PollerSettings
        {
            GroupIntervals = new Dictionary<string, TimeSpan> { ["fast"] = TimeSpan.FromMinutes(30), ["slow"] = TimeSpan.FromHours(6) },
        };
        var poller = new PlatformPoller(new XClient(ClientHarness.Http(server), ClientHarness.Options(server)), settings, accounts, new RecordingRecorder(), clock);
        var state = new PlatformScheduleState();

        await RunMinutesAsync(poller, state, clock, 120);

        int Polls(string id) => server.Requests.Count(r => r.Values("ids").Contains(id));
        Assert.Equal(8, Polls("1"));
        Assert.Equal(4, Polls("2"));
        Assert.Equal(2, Polls("3"));
    }

    [Fact]
    public async Task A_missing_account_is_recorded_as_not_found_and_never_as_zero_followers()
    {
        var clock = new ManualClock(Start);
        await using var server = await FakePlatformServer.StartAsync(clock);
        server.Handler = ScriptedX.Users(clock, (id, _) => id == "1002" ? null : 5000);
        var poller = Poller(server, clock, FixedAccounts.X(3), new PollerSettings(), batchSize: 100, out var recorder);

        await poller.TickAsync(new PlatformScheduleState(), Ct);

        var missing = Assert.Single(recorder.Results, entry => entry.Result.Target.Account == "x:1002");
        Assert.Equal(PollStatus.NotFound, missing.Result.Status);
        Assert.Null(missing.Result.Counts);
        Assert.Equal(2, recorder.Results.Count(entry => entry.Result.Counts?.Followers == 5000));
    }

    private static PlatformPoller Poller(FakePlatformServer server, ManualClock clock, IPolledAccounts accounts, PollerSettings settings, int batchSize, out RecordingRecorder recorder)
    {
        var options = ClientHarness.Options(server);
        options.BatchSize = batchSize;
        recorder = new RecordingRecorder();
        return new PlatformPoller(new XClient(ClientHarness.Http(server), options), settings, accounts, recorder, clock);
    }

    private static async Task RunMinutesAsync(PlatformPoller poller, PlatformScheduleState state, ManualClock clock, int minutes)
    {
        for (var minute = 0; minute < minutes; minute++)
        {
            await poller.TickAsync(state, Ct);
            clock.Advance(TimeSpan.FromMinutes(1));
        }
    }
}
