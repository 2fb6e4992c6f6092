namespace Monitor.Reports;

/// <summary>
/// What a report is about: a group (<see cref="Id"/> its name) or a list of entities (<see cref="Id"/> their ids, sorted,
/// joined by commas). <see cref="Title"/> is what the report's heading says: the group's name or the entities' names.
/// </summary>
public sealed record ReportSubject(string Kind, string Id, string Title)
{
    /// <summary>A group's report.</summary>
    public const string GroupKind = "group";

    /// <summary>An entity list's report.</summary>
    public const string EntitiesKind = "entities";

    /// <summary>Most entities one report compares.</summary>
    public const int MaxEntities = 50;

    /// <summary>The entity ids of an entity list (empty for a group).</summary>
    public IReadOnlyList<string> EntityIds => Kind == EntitiesKind ? Id.Split(',') : [];

    /// <summary>The report of group <paramref name="name"/>.</summary>
    public static ReportSubject Group(string name) => new(GroupKind, name, name);

    /// <summary>The report of the entities <paramref name="ids"/> (order and repeats do not matter), titled <paramref name="title"/> or by the ids.</summary>
    public static ReportSubject Entities(IEnumerable<string> ids, string? title = null)
    {
        var id = CanonicalIds(ids);
        return new ReportSubject(EntitiesKind, id, title ?? id.Replace(",", ", ", StringComparison.Ordinal));
    }

    /// <summary>The ids sorted (ordinal) without repeats, joined by commas: one list has one key, for links and schedules.</summary>
    public static string CanonicalIds(IEnumerable<string> ids) =>
        string.Join(',', ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>Whether an incident of correlation group <paramref name="incidentGroup"/> belongs in this report: the group's own, or one of the entities' (<c>entity:&lt;id&gt;</c>).</summary>
    public bool OwnsIncidentGroup(string incidentGroup) =>
        Kind == GroupKind ? incidentGroup == Id : EntityIds.Any(id => incidentGroup == "entity:" + id);
}
