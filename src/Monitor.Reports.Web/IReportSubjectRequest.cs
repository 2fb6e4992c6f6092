using Monitor.Reports;

namespace Monitor.Reports.Web;

/// <summary>What a report request is of, as its address names it (a group, an entity list).</summary>
public interface IReportSubjectRequest
{
    /// <summary>The subject, or the problem (400, 404) naming what is wrong with the request.</summary>
    Task<(ReportSubject? Subject, IResult? Problem)> ResolveAsync(ReportDataLoader loader);
}
