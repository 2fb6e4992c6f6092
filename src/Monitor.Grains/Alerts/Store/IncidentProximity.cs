namespace Monitor.Grains.Alerts.Store;

/// <summary>
/// Which incidents of <paramref name="Group"/> and <paramref name="Kind"/> (lower case) are near an alert: those holding
/// <paramref name="AlertId"/>, or a member of another account than <paramref name="Account"/> whose episode overlaps
/// [<paramref name="From"/>, <paramref name="To"/>] (To null: open-ended).
/// </summary>
public sealed record IncidentProximity(string Group, string Kind, string AlertId, string Account, DateTimeOffset From, DateTimeOffset? To);
