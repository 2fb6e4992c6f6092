using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Abstractions.Groups;
using Monitor.Grains.Tests.Support;
using Orleans.Serialization;
using Xunit;

namespace Monitor.Grains.Tests.Serialization;

/// <summary>
/// The DTOs that cross grain calls go through the silo's Orleans serializer and come back equal by value: every
/// <c>[property: Id(n)]</c> of the records is written and read back. Every sample sets every property to a non-default
/// value (offsets other than UTC included), so a member the codec dropped or confused shows as a difference.
/// </summary>
public sealed class DtoSerializationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2020, 9, 27, 4, 30, 0, TimeSpan.FromHours(4));
    private TestSilo _silo = null!;

    public async ValueTask InitializeAsync() => _silo = await TestSilo.StartAsync(StorageTargets.Memory(), TimeProvider.System);

    public async ValueTask DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public void An_account_summary_with_nested_profile_episodes_and_collection_status_round_trips()
    {
        var summary = new AccountSummary(
            "x:2996296402",
            "x",
            new AccountProfile("presidentaz", "President of Azerbaijan", ["world-leaders", "azerbaijan-official"], ["leader", "verified"],
                new DetectorOverrides(3.5, 2.5, 0.2, 1_000, 0.01, TimeSpan.FromHours(36))),
            Start.AddDays(40),
            512_345,
            120,
            8_765,
            512_345 / 8_765.0,
            new GrowthWindow(1_200, 1_200.5, 0.23),
            new GrowthWindow(9_100, 1_300.25, 1.81),
            new GrowthWindow(40_500, 1_350.125, 8.6),
            552_000,
            [Alert("surge-x:2996296402-20200927T003000Z"), Alert("spike-x:2996296402-20201001T003000Z") with { Kind = "spike", Groups = [] }],
            new CollectionStatus(Start.AddDays(41), PollStatus.RateLimited, "HTTP 429", Start.AddDays(40), 2, 100,
                [new HandleChange("presidentaz", "PresidentAZ_2026", Start.AddDays(3)), new HandleChange(null, "presidentaz", Start)]));

        AssertRoundTrips(summary);
    }

    [Fact]
    public void A_record_result_with_rejections_round_trips()
    {
        var result = new RecordResult(27, 3,
        [
            new RejectedObservation(1, "x:1", "followers", "must not be negative (was -5)"),
            new RejectedObservation(4, null, "account", "missing"),
        ]);

        AssertRoundTrips(result);
    }

    [Fact]
    public void An_alert_view_with_every_field_set_round_trips() =>
        AssertRoundTrips(Alert("drop-x:7-20201110T000000Z"));

    [Fact]
    public void An_episode_event_round_trips() =>
        AssertRoundTrips(new EpisodeEvent("resolved", Alert("surge-x:8-20200927T003000Z")));

    [Fact]
    public void A_batch_of_observation_inputs_round_trips()
    {
        IReadOnlyList<ObservationInput> batch =
        [
            new ObservationInput("x:1", Start, 400_000, 150, 1_000, "synthetic-test"),
            new ObservationInput("x:1", Start.AddHours(1), 400_010, 151, 1_001, "csv-import"),
            new ObservationInput("bluesky:did:plc:abcd2345efgh6723ijkl2345", Start.AddHours(2), 45_000, 130, 2_210, "collector:bluesky"),
        ];

        AssertRoundTrips(batch);
    }

    [Fact]
    public void Alert_pages_changes_silences_and_incidents_round_trip()
    {
        AssertRoundTrips(new AlertPage([Alert("surge-x:1-20200927T003000Z"), Alert("surge-x:2-20200927T003000Z")], "637371234000000000:surge-x:2-20200927T003000Z"));
        AssertRoundTrips(new AlertChange(42, "acknowledged", Alert("surge-x:3-20200927T003000Z")));
        AssertRoundTrips(new Silence("silence-1", "x:1", "turkic-mfa", "spike", "critical", Start.AddDays(7), "known campaign", "duty-officer", Start));
        AssertRoundTrips(new Incident("incident-g-surge-20200927T003000Z", "g", "surge", Start, Start.AddDays(44), ["a1", "a2"], ["x:1", "x:2"]));
        AssertRoundTrips(new AlertQuery("open", "surge", "warning", "x:1", "g", Start, "cursor", 25));
    }

    [Fact]
    public void History_rankings_and_poll_outcomes_round_trip()
    {
        IReadOnlyList<HistoryPoint> history = [new HistoryPoint(Start, 400_000, 150, 1_000, 399_500, 400_100), new HistoryPoint(Start.AddDays(1), 400_300, 151, 1_002, 400_000, 400_300)];
        AssertRoundTrips(history);
        AssertRoundTrips(new RankingEntry(2, "x:@AzerbaijanMFA", "AzerbaijanMFA", "MFA Azerbaijan", 205_200, 18_300, 205_200 / 18_300.0, 0.4, 3.1, 12.5));
        AssertRoundTrips(new PollOutcome(Start, PollStatus.Suspended, "account suspended", "presidentaz", 1_000));
    }

    private static AlertView Alert(string id) => new(
        id, "x:2996296402", "surge", "critical", "acknowledged", Start, Start.AddDays(3), 560_000, Start.AddDays(44),
        300.5, 4_000.25, 9.75, 160_000, 0.4, ["azerbaijan-official", "world-leaders"],
        "incident-azerbaijan-official-surge-20200927T003000Z", "duty-officer", true, Start.AddDays(45), "wartime campaign");

    private void AssertRoundTrips<T>(T value)
        where T : class
    {
        var serializer = _silo.Get<Serializer>();

        var copy = serializer.Deserialize<T>(serializer.SerializeToArray(value));

        Assert.NotSame(value, copy);
        // Records compare nested lists by reference, so the comparison is of every property as JSON (offsets included).
        Assert.Equal(JsonSerializer.Serialize(value), JsonSerializer.Serialize(copy));
    }
}
