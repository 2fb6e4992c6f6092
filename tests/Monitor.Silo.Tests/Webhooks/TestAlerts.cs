using Monitor.Abstractions.Alerts;
using Monitor.Silo.Tests.Infrastructure;

namespace Monitor.Silo.Tests.Webhooks;

/// <summary>Alerts as account grains publish them: a surge on a fresh account in <paramref name="group"/>.</summary>
public static class TestAlerts
{
    private static readonly DateTimeOffset EpisodeStart = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-3);

    /// <summary>An open alert on a new account of <paramref name="group"/>.</summary>
    public static AlertView Surge(string group, string kind = "surge", string severity = "warning")
    {
        var account = TestAccounts.NewKey();
        return new AlertView(
            $"{account}/{kind}/{EpisodeStart.ToUnixTimeSeconds()}", account, kind, severity, "open", EpisodeStart, EpisodeStart.AddDays(1),
            1_200_000, null, 100, 3_000, 9.5, 12_000, 0.01, [group]);
    }

    /// <summary><paramref name="alert"/> with a later peak (an "updated" episode change).</summary>
    public static AlertView Grown(AlertView alert, int step) =>
        alert with { PeakAt = alert.PeakAt.AddHours(step), PeakFollowers = alert.PeakFollowers + (1_000 * step), Change = alert.Change + (1_000 * step) };

    /// <summary><paramref name="alert"/> ended (a "resolved" episode change).</summary>
    public static AlertView Ended(AlertView alert) => alert with { End = alert.PeakAt.AddDays(1) };
}
