namespace Monitor.Core.Entities;

/// <summary>
/// Reads whether an entity's other accounts moved when one of them alerted: each account against its own baseline
/// (the median daily rate over <see cref="CorroborationSettings.BaselinePeriod"/> before the window), so a large and a
/// small account, or a fast and a slow platform, are compared fairly. Pure: the caller supplies the points.
/// </summary>
public static class CrossPlatformCorroboration
{
    /// <summary>
    /// The reading of an alert on <paramref name="alertedAccount"/> over [<paramref name="start"/>, <paramref name="end"/>]
    /// across <paramref name="accounts"/> (the entity's accounts, the alerted one included). The alerted account counts as
    /// moved whenever it has data: its detector already judged it against its baseline.
    /// </summary>
    public static CorroborationReading Read(
        string alertedAccount,
        DateTimeOffset start,
        DateTimeOffset end,
        IReadOnlyList<EntityAccountSeries> accounts,
        CorroborationSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(alertedAccount);
        ArgumentNullException.ThrowIfNull(accounts);
        settings ??= CorroborationSettings.Default;
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The window must not end before it starts ({start:O}).");
        }

        var alertEnd = end - start < settings.MinWindow ? start + settings.MinWindow : end;
        var windowStart = start - settings.Slack;
        var windowEnd = alertEnd + settings.Slack;
        var readings = accounts
            .Select(series => ReadAccount(series, (start, alertEnd), windowStart, windowEnd, settings, series.Account == alertedAccount))
            .OrderByDescending(reading => reading.Account == alertedAccount)
            .ThenBy(reading => reading.Platform, StringComparer.Ordinal)
            .ThenBy(reading => reading.Account, StringComparer.Ordinal)
            .ToList();
        return new CorroborationReading(alertedAccount, windowStart, windowEnd, readings);
    }

    /// <summary>The median daily rate between consecutive points (null with fewer than two points).</summary>
    public static double? BaselineRate(IReadOnlyList<CountPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var rates = new List<double>();
        for (var i = 1; i < points.Count; i++)
        {
            var days = (points[i].At - points[i - 1].At).TotalDays;
            if (days > 0)
            {
                rates.Add((points[i].Followers - points[i - 1].Followers) / days);
            }
        }

        if (rates.Count == 0)
        {
            return null;
        }

        rates.Sort();
        var middle = rates.Count / 2;
        return rates.Count % 2 == 1 ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
    }

    private static AccountReading ReadAccount(
        EntityAccountSeries series, (DateTimeOffset Start, DateTimeOffset End) alert, DateTimeOffset windowStart, DateTimeOffset windowEnd, CorroborationSettings settings, bool alerted)
    {
        var points = series.Points.OrderBy(point => point.At).ToList();
        var baselinePoints = points.Where(point => point.At >= windowStart - settings.BaselinePeriod && point.At <= windowStart).ToList();
        var inWindow = points.Where(point => point.At > windowStart && point.At <= windowEnd).ToList();
        var baseline = BaselineRate(baselinePoints);
        if (baseline is null || inWindow.Count == 0)
        {
            return new AccountReading(series.Account, series.Platform, AccountMovement.NoData, null, null, baseline, null);
        }

        var anchor = baselinePoints[^1];
        var last = inWindow[^1];
        var days = (last.At - anchor.At).TotalDays;
        var change = last.Followers - anchor.Followers;
        var observed = change / days;
        var expected = Math.Max(baseline.Value, 0);
        var excess = change - (expected * days);
        var moved = alerted
            || (observed >= settings.MinRateMultiple * expected
                && excess >= Math.Max(settings.MinExcessShare * anchor.Followers, settings.MinExcessFollowers));
        // Posts are read over the alert's own window, without the slack: a day of ordinary posting is not "posts moved".
        var postsBefore = points.LastOrDefault(point => point.At <= alert.Start);
        var postsAfter = points.LastOrDefault(point => point.At <= alert.End);
        long? posts = postsAfter.Posts is { } after && postsBefore.Posts is { } before && postsAfter.At > postsBefore.At ? after - before : null;
        return new AccountReading(
            series.Account, series.Platform, moved ? AccountMovement.Moved : AccountMovement.Flat, change, posts, baseline, observed);
    }
}
