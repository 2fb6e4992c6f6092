using Monitor.Abstractions.Accounts;

namespace Monitor.Api;

/// <summary>
/// How fresh an account's data is, for the overview: <c>failing</c> when a collector's last poll failed, <c>stale</c> when a
/// stall is open (nothing arrived for longer than the account's own interval leads to expect) or the latest observation is
/// older than <see cref="StaleAfter"/>, <c>none</c> before the first observation, else <c>fresh</c>.
/// </summary>
public static class AccountHealth
{
    /// <summary>Age of the latest observation beyond which an account is stale whatever its interval.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(2);

    /// <summary>The words <see cref="Of"/> answers.</summary>
    public static readonly string[] States = ["fresh", "stale", "failing", "none"];

    /// <summary>The health of <paramref name="summary"/> at <paramref name="now"/>.</summary>
    public static string Of(AccountSummary summary, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Collection is { LastStatus: not PollStatus.Ok })
        {
            return "failing";
        }

        if (summary.LastObservedAt is not { } last)
        {
            return "none";
        }

        var stalled = summary.OpenEpisodes.Any(alert => alert.Kind is "stall" or "unavailable");
        return stalled || now - last > StaleAfter ? "stale" : "fresh";
    }
}
