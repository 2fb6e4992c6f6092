using System.Text.Json;
using Monitor.Abstractions.Reports;
using Monitor.Reports;
using Monitor.Grains;
using Monitor.Storage;

namespace Monitor.Reports.Web;

/// <summary>The <c>report_schedules</c> table: schedules added through the API, as their JSON definition.</summary>
public sealed class ReportScheduleStore(SiloDatabase database)
{
    /// <summary>Every stored schedule, oldest first.</summary>
    public async Task<IReadOnlyList<ReportSchedule>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "SELECT definition FROM report_schedules WHERE service_id = @service ORDER BY created_at, id", ("@service", database.ServiceId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var schedules = new List<ReportSchedule>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            schedules.Add(JsonSerializer.Deserialize<ReportSchedule>(reader.GetString(0), StorageJson.Options)
                ?? throw new InvalidDataException("A stored report schedule is JSON null."));
        }

        return schedules;
    }

    /// <summary>Stores a new schedule; false when one with its id exists.</summary>
    public async Task<bool> AddAsync(ReportSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "INSERT INTO report_schedules (service_id, id, definition, created_at) VALUES (@service, @id, @definition, @now) ON CONFLICT (service_id, id) DO NOTHING",
            ("@service", database.ServiceId), ("@id", schedule.Id), ("@definition", JsonSerializer.Serialize(schedule, StorageJson.Options)),
            ("@now", SiloDatabase.ToMilliseconds(schedule.CreatedAt)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Deletes a stored schedule; false when there is none with that id.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "DELETE FROM report_schedules WHERE service_id = @service AND id = @id", ("@service", database.ServiceId), ("@id", id));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
