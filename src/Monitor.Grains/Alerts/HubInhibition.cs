using Monitor.Abstractions.Alerts;
using Monitor.Core.Alerts;

namespace Monitor.Grains.Alerts;

/// <summary>
/// Domain inhibition in a hub call (the rules are <see cref="AlertInhibition"/>'s): an open outage or unavailable alert
/// marks the drops and stalls it explains as inhibited by it, and releases them when it ends.
/// </summary>
internal static class HubInhibition
{
    private static readonly string[] InhibitorKinds = ["outage", "unavailable"];
    private static readonly string[] InhibitableKinds = ["drop", "stall"];

    /// <summary>The open alert that explains <paramref name="alert"/> (an outage of its platform, its account unavailable), if any.</summary>
    public static async Task<string?> InhibitorOfAsync(AlertHubSession session, AlertView alert)
    {
        if (!AlertInhibition.CanBeInhibited(alert.Kind) || alert.End is not null)
        {
            return null;
        }

        var platform = AlertLabels.PlatformOf(alert);
        var inhibitors = await session.FindUnresolvedAsync(InhibitorKinds, platform, null);
        return inhibitors
            .Where(inhibitor => inhibitor.End is null && inhibitor.Id != alert.Id
                && AlertInhibition.Explains(inhibitor.Kind, AlertLabels.PlatformOf(inhibitor), inhibitor.Account, alert.Kind, platform, alert.Account))
            .Select(inhibitor => inhibitor.Id)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>After <paramref name="alert"/> changed: if it inhibits others, inhibits what it explains or, once it ended, releases them.</summary>
    public static async Task ApplyAsync(AlertHubSession session, AlertView alert, DateTimeOffset now)
    {
        if (!AlertInhibition.Inhibits(alert.Kind))
        {
            return;
        }

        if (alert.Status == AlertStatuses.Resolved || alert.End is not null)
        {
            await ReleaseInhibitedAsync(session, alert, now);
        }
        else
        {
            await InhibitExplainedAsync(session, alert, now);
        }
    }

    /// <summary>The alerts <paramref name="inhibitor"/> inhibited look for another inhibitor, or are inhibited no more.</summary>
    public static async Task ReleaseInhibitedAsync(AlertHubSession session, AlertView inhibitor, DateTimeOffset now)
    {
        var platform = AlertLabels.PlatformOf(inhibitor);
        foreach (var target in await session.FindUnresolvedAsync(InhibitableKinds, platform, null))
        {
            if (target.InhibitedBy == inhibitor.Id)
            {
                var released = target with { InhibitedBy = await InhibitorOfAsync(session, target), UpdatedAt = now };
                session.Put(released);
                session.Record(AlertChangeNames.Updated, released);
            }
        }
    }

    /// <summary>Marks the open drop and stall alerts that <paramref name="inhibitor"/> explains as inhibited by it.</summary>
    private static async Task InhibitExplainedAsync(AlertHubSession session, AlertView inhibitor, DateTimeOffset now)
    {
        var platform = AlertLabels.PlatformOf(inhibitor);
        var account = string.Equals(inhibitor.Kind, "unavailable", StringComparison.OrdinalIgnoreCase) ? inhibitor.Account : null;
        foreach (var target in await session.FindUnresolvedAsync(InhibitableKinds, platform, account))
        {
            if (target.InhibitedBy is null && target.End is null
                && AlertInhibition.Explains(inhibitor.Kind, platform, inhibitor.Account, target.Kind, AlertLabels.PlatformOf(target), target.Account))
            {
                var inhibited = target with { InhibitedBy = inhibitor.Id, UpdatedAt = now };
                session.Put(inhibited);
                session.Record(AlertChangeNames.Updated, inhibited);
            }
        }
    }
}
