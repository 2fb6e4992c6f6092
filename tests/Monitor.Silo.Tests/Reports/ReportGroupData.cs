using Monitor.Abstractions.Accounts;
using Monitor.Silo.Tests.Infrastructure;

namespace Monitor.Silo.Tests.Reports;

/// <summary>A group of three accounts with a daily history over September and October 2020, each growing at its own pace.</summary>
internal static class ReportGroupData
{
    public static readonly DateOnly FirstDay = new(2020, 9, 1);

    public const int Days = 61;

    /// <summary>Registers the accounts in a new group and posts their histories; returns the group and the keys, largest first.</summary>
    public static async Task<(string Group, string[] Keys)> SeedAsync(RunningSilo silo)
    {
        var group = TestAccounts.NewGroup();
        var keys = new[] { TestAccounts.NewKey(), TestAccounts.NewKey(), TestAccounts.NewKey() };
        (long Start, long PerDay)[] paces = [(900_000, 100), (40_000, 400), (5_000, 60)];
        foreach (var key in keys)
        {
            await silo.RegisterAsync(key, group);
        }

        var observations = keys.SelectMany((key, i) => Enumerable.Range(0, Days).Select(day => new ObservationInput(
            key, new DateTimeOffset(FirstDay.AddDays(day).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), paces[i].Start + (day * paces[i].PerDay)))).ToList();
        await silo.ReplayAsync(observations);
        return (group, keys);
    }
}
