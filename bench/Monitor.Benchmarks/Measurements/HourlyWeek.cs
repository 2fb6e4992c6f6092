using Monitor.Abstractions.Accounts;

namespace Monitor.Benchmarks.Measurements;

/// <summary>The history every benchmark account takes: a week of hourly points ending at a whole hour.</summary>
internal static class HourlyWeek
{
    public const int Hours = 168;

    /// <summary>The whole hour at or before <paramref name="now"/>.</summary>
    public static DateTimeOffset EndAt(DateTimeOffset now) => new(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);

    public static ObservationInput[] Of(string key, DateTimeOffset end)
    {
        var observations = new ObservationInput[Hours];
        for (var hour = 0; hour < Hours; hour++)
        {
            observations[hour] = new ObservationInput(key, end.AddHours(hour - Hours), 10_000 + (hour * 3), 500, 1_000 + (hour / 24), "bench");
        }

        return observations;
    }
}
