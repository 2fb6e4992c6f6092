using System.Globalization;
using Monitor.Abstractions.Accounts;

namespace Monitor.Api;

/// <summary>
/// Why part of a history answer is coarser than asked: raw points are kept 7 days and hourly buckets 90 days after the
/// latest observation, older history is answered at the next coarser resolution kept.
/// </summary>
public static class HistoryNote
{
    /// <summary>The response header carrying the note on <c>/api/accounts/{key}/history</c>.</summary>
    public const string HeaderName = "Monitor-History-Note";

    /// <summary>The note for <paramref name="points"/> answered to a query at <paramref name="requested"/>; null when every point has that resolution.</summary>
    public static string? Describe(HistoryResolution requested, IReadOnlyList<HistoryPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var firstAsAsked = -1;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Resolution == requested)
            {
                firstAsAsked = i;
                break;
            }
        }

        if (firstAsAsked == 0 || points.Count == 0)
        {
            return null;
        }

        var coarser = string.Join(" then ", points.Take(firstAsAsked < 0 ? points.Count : firstAsAsked)
            .Select(point => point.Resolution.ToString().ToLowerInvariant())
            .Distinct(StringComparer.Ordinal));
        var asked = requested.ToString().ToLowerInvariant();
        var retention = requested == HistoryResolution.Hour ? "hourly buckets are kept 90 days" : "raw points are kept 7 days";
        return firstAsAsked < 0
            ? $"No {asked} points in this range: {retention} after the latest observation, so it is answered at {coarser} resolution."
            : string.Create(CultureInfo.InvariantCulture,
                $"Before {points[firstAsAsked].Timestamp.UtcDateTime:yyyy-MM-dd'T'HH:mm'Z'} the points are at {coarser} resolution: {retention} after the latest observation.");
    }
}
