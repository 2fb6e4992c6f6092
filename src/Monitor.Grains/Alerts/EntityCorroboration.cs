using Monitor.Abstractions.Alerts;
using Monitor.Grains.Entities;

namespace Monitor.Grains.Alerts;

/// <summary>How the hub keeps the cross-platform readings of an entity's incident current.</summary>
internal static class EntityCorroboration
{
    /// <summary>
    /// Reads again the other alerts of <paramref name="alert"/>'s entity incident: an account that alerted first was read
    /// before the others' data showed their own movement. A member whose reading changed gets an updated change.
    /// </summary>
    public static async Task RereadSiblingsAsync(AlertHubSession session, AlertCorroborator corroborator, EntityLookup entities, AlertView alert, TimeSpan window, DateTimeOffset now)
    {
        if (alert.Entity is null || alert.Corroboration is null)
        {
            return;
        }

        var incident = await session.FindIncidentNearAsync(AlertLabels.EntityKey(alert.Entity), alert.Kind, alert.Id, alert.Account, alert.Start - window, alert.End + window);
        if (incident is null)
        {
            return;
        }

        var siblingIds = incident.Members.Keys.Where(id => id != alert.Id).ToList();
        await session.PrefetchAsync(siblingIds);
        await entities.PrefetchAsync(incident.Members.Values);
        foreach (var siblingId in siblingIds)
        {
            if (await session.GetAsync(siblingId) is not { } sibling)
            {
                continue;
            }

            var reread = await corroborator.AttachAsync(sibling, entities);
            if (reread.Entity == sibling.Entity && reread.Corroboration?.Summary == sibling.Corroboration?.Summary)
            {
                continue;
            }

            var updated = reread with { UpdatedAt = now };
            session.Put(updated);
            session.Record(AlertChangeNames.Updated, updated);
        }
    }
}
