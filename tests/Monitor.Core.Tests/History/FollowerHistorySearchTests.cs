using Monitor.Core.History;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.History;

/// <summary>
/// <see cref="FollowerHistory.LatestAtOrBefore"/> searches from marks that appends and tier migrations keep up; a history
/// restored from its bytes builds its marks afresh in one pass, so the two must answer every time alike.
/// </summary>
public sealed class FollowerHistorySearchTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Searches_after_appends_and_migrations_answer_as_a_freshly_restored_history_and_as_the_samples_say()
    {
        var samples = new SampleSeriesBuilder()
            .GrowingPerDay(300, noisePerSample: 40)
            .Sampled(Start, TimeSpan.FromHours(1), 24 * 200)
            .Build();
        var history = new FollowerHistory();
        var probesBack = Enumerable.Range(0, 24 * 200 / 7).Select(i => TimeSpan.FromHours(7 * i) + TimeSpan.FromMinutes(13)).ToList();

        // Batches of 250 like an import's; every other one sends a point late (which rebuilds the raw tier).
        for (var from = 0; from < samples.Count; from += 250)
        {
            var batch = samples.Skip(from).Take(250).ToList();
            var late = from % 500 == 250 ? batch[^10] : (FollowerSample?)null;
            history.Append(batch.Where(sample => sample != late));
            if (late is { } point)
            {
                history.Append([point]);
            }

            var latest = history.Latest!.Value.Last;
            var restored = FollowerHistory.Deserialize(history.Serialize());
            foreach (var back in probesBack)
            {
                var time = latest - back;
                var found = history.LatestAtOrBefore(time);
                Assert.Equal(restored.LatestAtOrBefore(time), found);

                // Raw and hourly tiers keep each observation's time here (one sample an hour), so the answer is the sample.
                var expected = samples.FindLastIndex(sample => sample.Timestamp <= time);
                if (back < history.Options.HourlyRetention - TimeSpan.FromDays(1) && expected >= 0)
                {
                    Assert.Equal(samples[expected].Timestamp, found!.Value.Last);
                    Assert.Equal(samples[expected].Followers, found.Value.Followers);
                }
            }
        }
    }
}
