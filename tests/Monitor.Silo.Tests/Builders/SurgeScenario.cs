using Monitor.Abstractions.Accounts;

namespace Monitor.Silo.Tests.Builders;

/// <summary>A quiet daily baseline, a sustained surge, then quiet again: the shape the surge detector must report once.</summary>
public static class SurgeScenario
{
    /// <summary>Days of quiet baseline before the surge.</summary>
    public const int BaselineDays = 120;

    /// <summary>Days the surge lasts.</summary>
    public const int SurgeDays = 30;

    /// <summary>Days of quiet after the surge.</summary>
    public const int AfterDays = 90;

    /// <summary>The first day of the surge.</summary>
    public static DateTimeOffset SurgeStart(DateTimeOffset start) => start.AddDays(BaselineDays);

    /// <summary>
    /// The first day of every scenario: recent, ending a few days before today, because the hub forgets resolved alerts
    /// some months after their episode ended.
    /// </summary>
    public static DateTimeOffset Start { get; } =
        new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-(BaselineDays + SurgeDays + AfterDays + 5));

    /// <summary>Baseline, surge and return to baseline for <paramref name="account"/>.</summary>
    public static IReadOnlyList<ObservationInput> For(string account, int seed = 7) =>
        FollowerSeries.For(account)
            .StartingAt(Start)
            .WithNoiseSeed(seed)
            .Growing(BaselineDays, perStep: 100)
            .Growing(SurgeDays, perStep: 3_000)
            .Growing(AfterDays, perStep: 100)
            .Build();
}
