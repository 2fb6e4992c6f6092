using Monitor.Core.History;
using Monitor.Core.Tests.Builders;
using Xunit;

namespace Monitor.Core.Tests.History;

public sealed class HistoryFootprintTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Bytes allocated by deserialising: the history object and its three exact-size buffers, i.e. what stays resident.</summary>
    internal static long ResidentBytes(byte[] serialized)
    {
        FollowerHistory.Deserialize(serialized);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var history = FollowerHistory.Deserialize(serialized);
        var after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(history);
        return after - before;
    }

    [Fact]
    public void A_year_of_daily_points_and_a_week_of_hourly_points_stays_under_two_kilobytes_resident()
    {
        var history = new FollowerHistory();
        history.Append(SampleSeriesBuilder.DailyYearThenHourlyWeek(Start).Build());

        var resident = ResidentBytes(history.Serialize());

        Assert.Equal(358 + (7 * 24), history.Query(Start, Start.AddYears(2), Resolution.Day).Sum(p => p.Count));
        Assert.InRange(resident, 200, 2048);
    }

    [Fact]
    public void Collector_jitter_costs_bytes_but_the_serialised_year_stays_compact()
    {
        var regular = new FollowerHistory();
        regular.Append(SampleSeriesBuilder.DailyYearThenHourlyWeek(Start).Build());
        var jittered = new FollowerHistory();
        jittered.Append(SampleSeriesBuilder.DailyYearThenHourlyWeek(Start).WithJitter(TimeSpan.FromMinutes(2)).Build());

        Assert.True(jittered.Serialize().Length > regular.Serialize().Length);
        Assert.InRange(jittered.Serialize().Length, 100, 3 * 1024);
    }
}
