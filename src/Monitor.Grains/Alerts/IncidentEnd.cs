using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts.Store;

namespace Monitor.Grains.Alerts;

/// <summary>
/// Settles when an incident ended: the latest end of its members once every one has ended. Members a hub call holds
/// are known; of the stored ones it reads a few that are still open (one usually settles it), and every member's end
/// only once none is open, so the members' alerts are not read on each publish into a large incident.
/// </summary>
internal static class IncidentEnd
{
    /// <param name="storedIncidentId">The incident as stored, or null for one the call creates (all its members are known).</param>
    /// <param name="pending">The call's pending version of an alert, if it writes one.</param>
    /// <param name="held">The call's pending version of an alert, else the version it read, if any.</param>
    public static async Task<DateTimeOffset?> SettleAsync(
        IAlertStore store, string? storedIncidentId, IReadOnlyCollection<string> memberIds, IEnumerable<AlertView> known,
        Func<string, AlertView?> pending, Func<string, AlertView?> held, CancellationToken cancellationToken)
    {
        var current = new Dictionary<string, AlertView>(StringComparer.Ordinal);
        foreach (var alert in known)
        {
            current[alert.Id] = pending(alert.Id) ?? alert;
        }

        foreach (var id in memberIds)
        {
            if (held(id) is { } alert)
            {
                current[id] = alert;
            }
        }

        if (current.Values.Any(alert => alert.End is null))
        {
            return null;
        }

        var latest = current.Values.Max(alert => alert.End);
        var unknown = memberIds.Where(id => !current.ContainsKey(id)).ToList();
        if (storedIncidentId is null || unknown.Count == 0)
        {
            return latest;
        }

        // More stored open members than known ones: at least one of them is not known, so still open.
        var open = await store.FindOpenMembersAsync(storedIncidentId, current.Count + 1, cancellationToken).ConfigureAwait(false);
        if (open.Any(id => !current.ContainsKey(id)))
        {
            return null;
        }

        var ends = await store.GetMemberEndsAsync(storedIncidentId, cancellationToken).ConfigureAwait(false);
        foreach (var id in unknown)
        {
            if (ends.TryGetValue(id, out var end))
            {
                if (end is null)
                {
                    return null;
                }

                latest = end > latest ? end : latest;
            }
        }

        return latest;
    }
}
