using Monitor.Abstractions.Alerts;
using Monitor.Core.Alerts;
using Monitor.Core.Collection;

namespace Monitor.Collectors.Scheduling;

/// <summary>
/// A platform outage as the alert hub takes it: an alert of kind <c>outage</c> whose account is the platform's name
/// (<c>x</c>, <c>bluesky</c>), critical, in no group, with the last failure as its reason and no follower figures.
/// </summary>
public static class OutageEvents
{
    /// <summary>The kind's wire name.</summary>
    public static readonly string Kind = AlertKind.Outage.ToString().ToLowerInvariant();

    /// <summary>The episode event of one outage change: opened while it lasts, resolved once it has an end.</summary>
    public static EpisodeEvent Of(PlatformOutage outage)
    {
        ArgumentNullException.ThrowIfNull(outage);
        var reason = outage.Reason is null ? $"{outage.FailedRequests} failed requests in a row" : $"{outage.FailedRequests} failed requests in a row ({outage.Reason})";
        var alert = new AlertView(
            outage.Id, outage.Platform, Kind, Severity.Critical.ToString().ToLowerInvariant(), outage.IsOpen ? "open" : "resolved",
            outage.Start, outage.Start, 0, outage.End, 0, 0, 0, 0, 0, [], Reason: reason, FirstKind: Kind);
        return new EpisodeEvent(outage.IsOpen ? "opened" : "resolved", alert);
    }
}
