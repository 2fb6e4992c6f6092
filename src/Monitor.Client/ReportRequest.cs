using System.Globalization;

namespace Monitor.Client;

/// <summary>
/// Which report to fetch: of <see cref="Group"/> or of the entity ids <see cref="Entities"/>; as <see cref="Format"/> html,
/// pdf, json or csv (one <see cref="Table"/>: followers by default); over <see cref="Period"/> week or month (the one holding
/// <see cref="At"/>, the latest complete one without) or range (<see cref="From"/> to <see cref="To"/>).
/// </summary>
public sealed record ReportRequest(string? Group, IReadOnlyList<string>? Entities, string Format, string? Table, string? Period, string? At, string? From, string? To)
{
    /// <summary>The report's path and query under the silo's address.</summary>
    public string PathAndQuery()
    {
        var form = Format switch
        {
            "html" => string.Empty,
            "csv" => "/csv/" + Uri.EscapeDataString(Table ?? "followers"),
            _ => "/" + Uri.EscapeDataString(Format),
        };
        var query = new List<string>();
        string path;
        if (Entities is { Count: > 0 })
        {
            path = "api/reports/entities" + form;
            query.Add("ids=" + Uri.EscapeDataString(string.Join(',', Entities)));
        }
        else
        {
            path = $"api/reports/groups/{Uri.EscapeDataString(Group ?? string.Empty)}{form}";
        }

        foreach (var (name, value) in new[] { ("period", Period), ("at", At), ("from", From), ("to", To) })
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={Uri.EscapeDataString(value)}"));
            }
        }

        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }
}
