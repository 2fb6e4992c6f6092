using Monitor.Abstractions.Alerts;

namespace Monitor.Benchmarks.Alerts;

/// <summary>
/// The incident rows a seed's alerts imply: an alert naming an incident is a member of it, and the incident spans its
/// members (start: the earliest start; end: none while a member is open, else the latest end), as the hub stores it.
/// </summary>
public sealed class IncidentRows
{
    private readonly Dictionary<string, IncidentHeader> _headers = new(StringComparer.Ordinal);
    private readonly List<(string IncidentId, string AlertId, string Account)> _members = [];

    public IEnumerable<IncidentHeader> Headers => _headers.Values;

    public IReadOnlyList<(string IncidentId, string AlertId, string Account)> Members => _members;

    public void Add(AlertView alert)
    {
        if (alert.IncidentId is not { } id)
        {
            return;
        }

        _members.Add((id, alert.Id, alert.Account));
        var end = alert.End?.UtcTicks;
        if (_headers.TryGetValue(id, out var header))
        {
            _headers[id] = header with
            {
                Start = Math.Min(header.Start, alert.Start.UtcTicks),
                End = header.End is null || end is null ? null : Math.Max(header.End.Value, end.Value),
            };
        }
        else
        {
            _headers[id] = new IncidentHeader(id, alert.Groups[0], alert.Kind, alert.Start.UtcTicks, end);
        }
    }
}
