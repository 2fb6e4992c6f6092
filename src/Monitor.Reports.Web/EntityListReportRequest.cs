using Microsoft.AspNetCore.Mvc;
using Monitor.Api;
using Monitor.Reports;

namespace Monitor.Reports.Web;

/// <summary>
/// An entity list's report: <c>/api/reports/entities?ids=a,b,c</c>. Unknown ids are a 404 naming them; a missing, empty or
/// too long list a 400 naming <c>ids</c>.
/// </summary>
public sealed record EntityListReportRequest([FromQuery(Name = "ids")] string? Ids) : IReportSubjectRequest
{
    /// <inheritdoc/>
    public async Task<(ReportSubject? Subject, IResult? Problem)> ResolveAsync(ReportDataLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        var list = (Ids ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            return (null, ApiProblems.InvalidField("ids", Ids, "must list entity ids separated by commas (GET /api/entities lists them)"));
        }

        if (list.Count > ReportSubject.MaxEntities)
        {
            return (null, ApiProblems.InvalidField("ids", Ids, $"must list at most {ReportSubject.MaxEntities} entities"));
        }

        if (await loader.MissingEntitiesAsync(list) is { Count: > 0 } missing)
        {
            return (null, ApiProblems.NotFound("Entity", string.Join(", ", missing)));
        }

        return (ReportSubject.Entities(list), null);
    }
}
