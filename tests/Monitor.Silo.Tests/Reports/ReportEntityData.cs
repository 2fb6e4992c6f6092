using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Entities;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Reports;

/// <summary>
/// <see cref="ReportGroupData"/>'s group plus two entities: the first owns the group's largest account and a Telegram account
/// outside the group (200,000 + 1,000 a day), the second owns the group's second account. The third member belongs to none.
/// </summary>
internal sealed record ReportEntityData(string Group, string[] Keys, string Outside, string Office, string Person)
{
    public const long OutsideStart = 200_000;

    public const long OutsidePerDay = 1_000;

    public static async Task<ReportEntityData> SeedAsync(RunningSilo silo)
    {
        var (group, keys) = await ReportGroupData.SeedAsync(silo);
        var outside = "telegram:@t" + Guid.NewGuid().ToString("N")[..12];
        await silo.RegisterAsync(outside, TestAccounts.NewGroup());
        await silo.ReplayAsync(Enumerable.Range(0, ReportGroupData.Days).Select(day => new ObservationInput(
            outside, new DateTimeOffset(ReportGroupData.FirstDay.AddDays(day).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), OutsideStart + (day * OutsidePerDay))).ToList());
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var office = await silo.Client.CreateEntityAsync(new CreateEntityRequest($"Office {suffix}", $"office-{suffix}", "office", [keys[0], outside]), TestContext.Current.CancellationToken);
        var person = await silo.Client.CreateEntityAsync(new CreateEntityRequest($"Person {suffix}", $"person-{suffix}", "person", [keys[1]]), TestContext.Current.CancellationToken);
        return new ReportEntityData(group, keys, outside, office.Id, person.Id);
    }
}
