using Monitor.Core.Detection;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.Detection;

public sealed class AnomalyScoreSilenceTests
{
    private const int PointsPerDay = 288;
    private const int Days = 30;
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A gauge read every 5 minutes as its integral (the rate over each interval is the reading): 1,000 an interval less
    /// 800 x cos(time of day), lowest at midnight, with noise of 20. On the last day nothing is observed from midnight to
    /// 06:00; the reading after the silence is <paramref name="afterSilence"/> times what is usual at 06:00.
    /// </summary>
    private static List<(DateTimeOffset Timestamp, long Followers)> Series(double afterSilence)
    {
        var random = new Random(20200927);
        var series = new List<(DateTimeOffset, long)>();
        var followers = 400_000.0;
        var silenceStart = Days * PointsPerDay;
        var silenceEnd = silenceStart + (PointsPerDay / 4);
        for (var i = 0; i <= silenceEnd + 12; i++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var reading = 1000 - (800 * Math.Cos(2 * Math.PI * (i % PointsPerDay) / PointsPerDay)) + (20 * normal);
            if (i > silenceStart && i < silenceEnd)
            {
                continue;
            }

            var intervals = i == silenceEnd ? silenceEnd - silenceStart : 1;
            followers += (i == silenceEnd ? afterSilence : 1) * reading * intervals;
            series.Add((Start.AddMinutes(5 * i), (long)Math.Round(followers)));
        }

        return series;
    }

    private static (double Usual, double AfterSilence) Scores(DetectorSettings settings, double afterSilence)
    {
        var series = Series(afterSilence);
        var scores = DetectorRun.Of(new AccountDetector(settings), series).Scores;
        var silenceEnd = series.FindIndex(point => point.Timestamp == Start.AddDays(Days).AddHours(6));
        return (scores.Skip(PointsPerDay * 20).Take(PointsPerDay * 9).Max(), scores[silenceEnd]);
    }

    [Fact]
    public void A_reading_after_a_silence_that_is_usual_for_its_time_of_day_does_not_stand_out()
    {
        // The last readings before the silence are the night's lowest; 06:00 is five times higher, as every day.
        var judged = Scores(DetectorSettings.Default, 1);
        var againstStaleBaseline = Scores(DetectorSettings.Default with { StallFactor = 1000 }, 1);

        Assert.True(judged.AfterSilence <= judged.Usual, $"after the silence {judged.AfterSilence:F3}, usual maximum {judged.Usual:F3}");
        Assert.True(againstStaleBaseline.AfterSilence > againstStaleBaseline.Usual, $"against the baseline from before the silence {againstStaleBaseline.AfterSilence:F3}, usual maximum {againstStaleBaseline.Usual:F3}");
    }

    [Fact]
    public void A_reading_after_a_silence_that_is_unusual_for_its_time_of_day_still_stands_out()
    {
        var judged = Scores(DetectorSettings.Default, 2);

        Assert.True(judged.AfterSilence > judged.Usual, $"after the silence {judged.AfterSilence:F3}, usual maximum {judged.Usual:F3}");
    }
}
