using Microsoft.Extensions.Options;
using Monitor.Abstractions.Reports;
using Monitor.Reports;

namespace Monitor.Reports.Web;

/// <summary>The schedules in force: those from settings (checked at start-up; created when the silo started) and those stored through the API.</summary>
public sealed class ReportSchedules
{
    private readonly ReportScheduleStore _store;
    private readonly IReadOnlyList<ReportSchedule> _fromSettings;

    /// <summary>Reads and checks the schedules of <paramref name="options"/>; an invalid one stops the silo from starting.</summary>
    public ReportSchedules(ReportScheduleStore store, IOptions<ReportOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        var fromSettings = new List<ReportSchedule>();
        var started = time.GetUtcNow();
        for (var index = 0; index < options.Value.Schedules.Count; index++)
        {
            var setting = options.Value.Schedules[index];
            var request = new ReportScheduleRequest(setting.Id ?? $"settings-{index}", setting.Group, setting.Cadence, setting.Receiver, setting.Entities, setting.Delivery);
            var key = $"{ReportOptions.SectionName}:Schedules:{index}";
            if (!ReportScheduleRules.TryValidate(request, out var field, out var reason))
            {
                throw new ArgumentException($"{key}:{field} {reason}.", key);
            }

            if (fromSettings.Any(schedule => schedule.Id == request.Id))
            {
                throw new ArgumentException($"{key}:Id '{request.Id}' is used by two schedules.", key);
            }

            var entities = setting.Entities.Count > 0 ? ReportSubject.CanonicalIds(setting.Entities).Split(',') : null;
            fromSettings.Add(new ReportSchedule(request.Id!, entities is null ? request.Group : null, request.Cadence!, request.Receiver!, started, entities, request.Delivery));
        }

        _fromSettings = fromSettings;
    }

    /// <summary>True when <paramref name="id"/> names a schedule from settings (which the API cannot delete).</summary>
    public bool IsFromSettings(string id) => _fromSettings.Any(schedule => schedule.Id == id);

    /// <summary>Every schedule: settings first, then stored ones, oldest first.</summary>
    public async Task<IReadOnlyList<ReportSchedule>> ListAsync(CancellationToken cancellationToken)
    {
        var stored = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. _fromSettings, .. stored.Where(schedule => !IsFromSettings(schedule.Id))];
    }

    /// <summary>The schedule <paramref name="id"/>, or null.</summary>
    public async Task<ReportSchedule?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(schedule => schedule.Id == id);
}
