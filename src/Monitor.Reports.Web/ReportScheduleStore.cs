using Monitor.Abstractions.Reports;
using Monitor.Grains;

namespace Monitor.Reports.Web;

/// <summary>The <c>report_schedules</c> table: schedules added through the API, as their JSON definition.</summary>
public sealed class ReportScheduleStore(SiloDatabase database)
{
    private readonly JsonDefinitionTable<ReportSchedule> _table = new(database, "report_schedules", replaceable: false);

    /// <summary>Every stored schedule, oldest first.</summary>
    public Task<IReadOnlyList<ReportSchedule>> ListAsync(CancellationToken cancellationToken) => _table.ListAsync(cancellationToken);

    /// <summary>Stores a new schedule; false when one with its id exists.</summary>
    public Task<bool> AddAsync(ReportSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return _table.AddAsync(schedule.Id, schedule, schedule.CreatedAt, cancellationToken);
    }

    /// <summary>Deletes a stored schedule; false when there is none with that id.</summary>
    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => _table.DeleteAsync(id, cancellationToken);
}
