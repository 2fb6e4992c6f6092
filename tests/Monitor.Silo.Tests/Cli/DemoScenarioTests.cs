using Monitor.Abstractions.Accounts;
using Monitor.Core.Accounts;
using Monitor.Core.Alerts;
using Monitor.Core.Detection;
using Monitor.Demo;
using Monitor.Hosting.Cli;
using Monitor.Import;
using Xunit;

namespace Monitor.Silo.Tests.Cli;

/// <summary>The demo's synthetic history: labelled, ending at the seed's figures, surging only where and when it should.</summary>
public sealed class DemoScenarioTests
{
    private static readonly SeedRow President = new("x", "presidentaz", "Ilham Aliyev", ["turkic-leaders"], new DateOnly(2024, 10, 1), 1_000_000, null);
    private static readonly SeedRow Ministry = new("x", "MFA_KZ", "Ministry of Foreign Affairs of Kazakhstan", ["turkic-mfa"], new DateOnly(2024, 9, 28), 52_900, 15_200);

    [Fact]
    public void Every_history_ends_at_the_seed_figures_on_the_seed_day_and_is_labelled_synthetic()
    {
        var scenario = DemoScenario.FromSeed([President, Ministry]);

        foreach (var (account, i) in scenario.Accounts.Select((a, i) => (a, i)))
        {
            var history = DemoScenario.GenerateHistory(account, seed: i);
            Assert.Equal(new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), history[0].Timestamp);
            Assert.Equal(account.EndsOn, DateOnly.FromDateTime(history[^1].Timestamp.UtcDateTime));
            Assert.Equal(account.EndFollowers, history[^1].Followers);
            Assert.Equal(account.EndPosts, history[^1].Posts);
            Assert.All(history, o => Assert.Equal(DemoScenario.Source, o.Source));
            Assert.All(history.Zip(history.Skip(1)), pair => Assert.True(pair.Second.Followers >= pair.First.Followers));
        }
    }

    [Fact]
    public void The_azerbaijan_official_group_holds_the_president_the_ministry_and_synthetic_accounts_only()
    {
        var azerbaijanMfa = new SeedRow("x", "AzerbaijanMFA", "MFA of Azerbaijan", ["turkic-mfa"], new DateOnly(2024, 9, 28), 205_200, 17_500);
        var scenario = DemoScenario.FromSeed([President, Ministry, azerbaijanMfa]);

        var members = scenario.Accounts.Where(a => a.Profile.Groups!.Contains(DemoScenario.SurgeGroup)).ToList();

        Assert.Contains(members, a => a.Key == "x:@presidentaz" && a.Profile.Groups!.Contains("turkic-leaders"));
        Assert.Contains(members, a => a.Key == "x:@AzerbaijanMFA");
        Assert.DoesNotContain(members, a => a.Key == "x:@MFA_KZ");
        var synthetic = members.Where(a => a.Key.StartsWith("x:@synthetic_", StringComparison.Ordinal)).ToList();
        Assert.InRange(synthetic.Count, 2, 3);
        Assert.All(synthetic, a => Assert.Contains("synthetic", a.Profile.Tags!));
        Assert.All(synthetic, a => Assert.Contains("SYNTHETIC", a.Profile.DisplayName!, StringComparison.Ordinal));
    }

    [Fact]
    public void Surging_accounts_gain_several_times_faster_during_the_war_window_and_others_do_not()
    {
        var scenario = DemoScenario.FromSeed([President, Ministry]);

        var president = GainRatio(DemoScenario.GenerateHistory(scenario.Accounts.Single(a => a.Key == "x:@presidentaz"), 1));
        var ministry = GainRatio(DemoScenario.GenerateHistory(scenario.Accounts.Single(a => a.Key == "x:@MFA_KZ"), 2));

        Assert.True(president > 4, $"presidentaz gained only {president:F1}x its usual daily rate during the surge window.");
        Assert.InRange(ministry, 0.8, 1.25);
    }

    [Fact]
    public async Task The_detector_reports_each_surging_account_of_the_shipped_seed_as_one_surge_and_no_weeks_long_spike()
    {
        var seed = new List<SeedRow>();
        using (var reader = new StreamReader(DemoRunner.DefaultSeedPath))
        {
            await foreach (var record in ObservationCsvReader.ReadAsync(reader, DemoScenario.Source, cancellationToken: TestContext.Current.CancellationToken))
            {
                seed.Add(record.Seed!);
            }
        }

        var scenario = DemoScenario.FromSeed(seed);
        var detectors = scenario.Accounts.ToDictionary(a => a.Key, a => new AccountDetector(DetectorSettings.Default, AccountKey.Parse(a.Key)));
        var changes = new List<EpisodeChange>();
        foreach (var observation in scenario.DaysInOrder().SelectMany(day => day))
        {
            changes.AddRange(detectors[observation.Account].Observe(observation.Timestamp, observation.Followers));
        }

        var episodes = changes.GroupBy(c => c.Episode.Id).Select(g => g.Last().Episode).ToList();
        var describe = string.Join("\n", episodes.Select(e => $"{e.Id} {e.Kind} {e.Start:yyyy-MM-dd}..{e.End:yyyy-MM-dd}"));
        Assert.All(episodes.Where(e => e.Kind == AlertKind.Spike), spike =>
            Assert.True(spike.End - spike.Start <= DetectorSettings.Default.SpikeMaxDuration, $"A spike lasted {spike.End - spike.Start}:\n{describe}"));
        var surging = scenario.Accounts.Where(a => a.Profile.Groups!.Contains(DemoScenario.SurgeGroup)).Select(a => AccountKey.Parse(a.Key)).ToHashSet();
        var surged = episodes.Where(e => e.Kind == AlertKind.Surge).Select(e => e.Account!.Value).ToHashSet();
        Assert.True(surging.SetEquals(surged), $"Surging without a surge: {string.Join(", ", surging.Except(surged))}; surges elsewhere: {string.Join(", ", surged.Except(surging))}\n{describe}");
        Assert.All(surging, account => Assert.Single(episodes, e => e.Account == account));
    }

    /// <summary>Mean daily gain inside the surge window over the mean daily gain in the 90 days before it.</summary>
    private static double GainRatio(IReadOnlyList<ObservationInput> history)
    {
        double MeanGain(DateOnly from, DateOnly to)
        {
            var window = history.Where(o => DateOnly.FromDateTime(o.Timestamp.UtcDateTime) >= from && DateOnly.FromDateTime(o.Timestamp.UtcDateTime) <= to).ToList();
            return (window[^1].Followers - window[0].Followers) / (double)(window.Count - 1);
        }

        return MeanGain(DemoScenario.SurgeStart, DemoScenario.SurgeEnd) / MeanGain(DemoScenario.SurgeStart.AddDays(-90), DemoScenario.SurgeStart.AddDays(-1));
    }
}
