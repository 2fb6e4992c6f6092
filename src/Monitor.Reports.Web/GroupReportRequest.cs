using Microsoft.AspNetCore.Mvc;
using Monitor.Reports;

namespace Monitor.Reports.Web;

/// <summary>A group's report: <c>/api/reports/groups/{name}</c> (an unknown group is a 404 when the report loads).</summary>
public sealed record GroupReportRequest([FromRoute(Name = "name")] string Name) : IReportSubjectRequest
{
    /// <inheritdoc/>
    public Task<(ReportSubject? Subject, IResult? Problem)> ResolveAsync(ReportDataLoader loader) =>
        Task.FromResult<(ReportSubject?, IResult?)>((ReportSubject.Group(Name), null));
}
