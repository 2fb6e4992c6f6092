using Monitor.Core.Accounts;
using Monitor.Core.Detection;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Detection;

/// <summary>The serialised detector state per account stays a few kilobytes, whatever the sampling and rounding.</summary>
public sealed class DetectorStateSizeTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(24, 0, 2_900)]
    [InlineData(1, 0, 1_300)]
    [InlineData(24, 3, 1_600)]
    [InlineData(1, 3, 1_300)]
    public void A_year_of_organic_growth_leaves_a_small_state(int samplesPerDay, int roundedTo, int maxBytes)
    {
        var series = new FollowerSeriesBuilder()
            .StartingAt(Start, 400_000)
            .GrowingPerDay(300)
            .WithWeeklyRhythm(0.3)
            .WithSeed(samplesPerDay + roundedTo)
            .SampledEvery(TimeSpan.FromDays(1.0 / samplesPerDay), TimeSpan.FromMinutes(samplesPerDay > 1 ? 10 : 60))
            .RoundedTo(roundedTo)
            .Build(Start.AddYears(1));
        var detector = new AccountDetector(DetectorSettings.Default);
        var declared = roundedTo == 0 ? (CountResolution?)null : CountResolution.SignificantFigures(roundedTo);
        foreach (var (timestamp, followers) in series)
        {
            detector.Observe(timestamp, followers, declared);
        }

        var state = detector.SerializeState();

        output.WriteLine($"{samplesPerDay} a day, {(roundedTo == 0 ? "exact" : $"{roundedTo}sf")}: {state.Length} B");
        Assert.Equal(declared ?? CountResolution.Exact, detector.Resolution);
        Assert.InRange(state.Length, 200, maxBytes);
    }
}
