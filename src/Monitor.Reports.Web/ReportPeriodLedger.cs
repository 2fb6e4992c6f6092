using System.Globalization;
using Monitor.Grains;
using Monitor.Reports;

namespace Monitor.Reports.Web;

/// <summary>
/// The <c>report_periods_queued</c> table: each (schedule, period) handed to the webhook outbox, kept after the outbox
/// prunes its delivery row, so no silo, restarted however late, queues a period twice.
/// </summary>
public sealed class ReportPeriodLedger(SiloDatabase database)
{
    /// <summary>Whether <paramref name="scheduleId"/>'s report of <paramref name="period"/> under <paramref name="groupKey"/> was queued before.</summary>
    public async Task<bool> WasQueuedAsync(string scheduleId, string groupKey, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "SELECT COUNT(*) FROM report_periods_queued WHERE service_id = @service AND schedule_id = @schedule AND group_key = @group " +
            "AND period_kind = @kind AND period_from = @from",
            ("@service", database.ServiceId), ("@schedule", scheduleId), ("@group", groupKey), ("@kind", period.Kind), ("@from", FirstDay(period)));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Records that the period was queued; recording it again changes nothing.</summary>
    public async Task RecordAsync(string scheduleId, string groupKey, ReportPeriod period, DateTimeOffset queuedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "INSERT INTO report_periods_queued (service_id, schedule_id, group_key, period_kind, period_from, queued_at) " +
            "VALUES (@service, @schedule, @group, @kind, @from, @at) " +
            "ON CONFLICT (service_id, schedule_id, group_key, period_kind, period_from) DO NOTHING",
            ("@service", database.ServiceId), ("@schedule", scheduleId), ("@group", groupKey), ("@kind", period.Kind), ("@from", FirstDay(period)),
            ("@at", SiloDatabase.ToMilliseconds(queuedAt)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets every period of a deleted schedule (a new schedule may take its id).</summary>
    public async Task ForgetAsync(string scheduleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = SiloDatabase.Command(connection,
            "DELETE FROM report_periods_queued WHERE service_id = @service AND schedule_id = @schedule",
            ("@service", database.ServiceId), ("@schedule", scheduleId));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string FirstDay(ReportPeriod period) => period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
