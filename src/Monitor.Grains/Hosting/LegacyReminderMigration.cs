using Npgsql;

namespace Monitor.Grains;

/// <summary>
/// Upgrade from releases before Orleans (PostgreSQL): moves the reminders they kept in Monitor's <c>reminders</c> table
/// into Orleans' reminder table, so stall checks and collector schedules carry on without every grain being called.
/// Orleans places reminders on its ring by a hash SQL cannot compute, so the move runs here, once the reminder service
/// is up; each row is deleted after its copy is written, so a move cut short resumes at the next start.
/// </summary>
internal sealed partial class LegacyReminderMigration(
    NpgsqlDataSource dataSource, string serviceId, IReminderTable reminders, ILogger<LegacyReminderMigration> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LegacyReminderMigration), ServiceLifecycleStage.Active, MoveAsync);

    private async Task MoveAsync(CancellationToken cancellationToken)
    {
        var rows = new List<ReminderEntry>();
        await using (var select = dataSource.CreateCommand(
            "SELECT grain_type, grain_key, reminder_name, start_at, period FROM reminders WHERE service_id = $1"))
        {
            select.Parameters.AddWithValue(serviceId);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new ReminderEntry
                {
                    GrainId = GrainId.Create(reader.GetString(0), reader.GetString(1)),
                    ReminderName = reader.GetString(2),
                    StartAt = reader.GetFieldValue<DateTime>(3),
                    Period = reader.GetFieldValue<TimeSpan>(4),
                });
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        await using var delete = dataSource.CreateCommand(
            "DELETE FROM reminders WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3 AND reminder_name = $4");
        foreach (var row in rows)
        {
            await reminders.UpsertRow(row).ConfigureAwait(false);
            delete.Parameters.Clear();
            delete.Parameters.AddWithValue(serviceId);
            delete.Parameters.AddWithValue(row.GrainId.Type.ToString()!);
            delete.Parameters.AddWithValue(row.GrainId.Key.ToString()!);
            delete.Parameters.AddWithValue(row.ReminderName);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        LogMoved(logger, rows.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} reminders of an earlier release into Orleans' reminder table.")]
    private static partial void LogMoved(ILogger logger, int count);
}
