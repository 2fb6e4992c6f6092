using System.Data.Common;
using System.Globalization;
using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Alerts.Store;

/// <summary>Writes one hub call's changes (<see cref="AlertStoreWrites"/>) atomically, as one statement batch.</summary>
/// <param name="changeLogLockSql">
/// The statement that takes the change log's lock until the transaction ends (PostgreSQL's advisory lock); null where a
/// write transaction already excludes every other writer (SQLite's <c>BEGIN IMMEDIATE</c>).
/// </param>
internal sealed class AlertStoreWriter(AlertStoreDatabase database, string? changeLogLockSql)
{
    /// <summary>The most later changes a commit's check reads; beyond them the caller is told there were too many.</summary>
    private const int MaxCheckedChanges = 10_000;

    private const string PrunesSql = "SELECT COALESCE((SELECT prunes FROM alert_prunes WHERE service_id = @service), 0);";

    public async Task CommitAsync(AlertStoreWrites writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.IsEmpty)
        {
            return;
        }

        var batch = Statements(writes);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await batch.ExecuteAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SequencedCommit> CommitInSequenceAsync(AlertStoreWrites writes, long readAt, Func<CommitCheck, bool> stale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(stale);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (last, check) = await CheckAsync(connection, transaction, readAt, cancellationToken).ConfigureAwait(false);
        if (stale(check))
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return new SequencedCommit(false, last);
        }

        return await NumberAndCommitAsync(connection, transaction, writes, last, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SequencedCommit> CommitUpToDateAsync(
        AlertStoreWrites writes, long readAt, Action<IReadOnlyDictionary<string, AlertView?>> bringUpToDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(bringUpToDate);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long last;
        var current = new Dictionary<string, AlertView?>(StringComparer.Ordinal);
        await using (var command = database.Command(connection, transaction,
            LockAndLastSequenceSql +
            "SELECT c.alert_id, a.alert_json FROM (SELECT DISTINCT alert_id FROM alert_changes WHERE service_id = @service AND sequence > @after) c " +
            "LEFT JOIN alerts a ON a.service_id = @service AND a.alert_id = c.alert_id;",
            ("@after", readAt)))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            last = await ReadLastSequenceAsync(reader, cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                current[reader.GetString(0)] = reader.IsDBNull(1) ? null : AlertStoreJson.Deserialize<AlertView>(reader.GetString(1));
            }
        }

        bringUpToDate(current);
        return await NumberAndCommitAsync(connection, transaction, writes, last, cancellationToken).ConfigureAwait(false);
    }

    // Numbers the changes after the last sequence read under the lock, writes everything and commits (the lock goes with it).
    private async Task<SequencedCommit> NumberAndCommitAsync(
        DbConnection connection, DbTransaction transaction, AlertStoreWrites writes, long last, CancellationToken cancellationToken)
    {
        var changes = writes.Changes;
        for (var i = 0; i < changes.Count; i++)
        {
            changes[i] = changes[i] with { Sequence = last + 1 + i };
        }

        await Statements(writes).ExecuteAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new SequencedCommit(true, last + changes.Count);
    }

    /// <summary>
    /// Takes the change log's lock, then reads the last sequence, the alerts written after <paramref name="readAt"/> and
    /// the silences' fingerprint, in one command (one round trip). Statements run in order, so the reads see every
    /// commit that released the lock before.
    /// </summary>
    private async Task<(long Last, CommitCheck Check)> CheckAsync(DbConnection connection, DbTransaction transaction, long readAt, CancellationToken cancellationToken)
    {
        await using var command = database.Command(connection, transaction,
            LockAndLastSequenceSql +
            "SELECT c.alert_id, a.kind, a.platform, a.account FROM alert_changes c " +
            "LEFT JOIN alerts a ON a.service_id = c.service_id AND a.alert_id = c.alert_id " +
            "WHERE c.service_id = @service AND c.sequence > @after ORDER BY c.sequence LIMIT @limit;" +
            "SELECT COUNT(*), COALESCE(SUM(ends_ticks / 10000), 0) FROM silences WHERE service_id = @service;" +
            PrunesSql,
            ("@after", readAt), ("@limit", MaxCheckedChanges + 1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var last = await ReadLastSequenceAsync(reader, cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var changed = new List<ChangedAlert>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changed.Add(new ChangedAlert(reader.GetString(0), NullableString(reader, 1), NullableString(reader, 2), NullableString(reader, 3)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var silences = new SilenceFingerprint(
            Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
        var prunes = await ReadPrunesAsync(reader, cancellationToken).ConfigureAwait(false);
        var tooMany = changed.Count > MaxCheckedChanges;
        return (last, new CommitCheck(tooMany ? changed.GetRange(0, MaxCheckedChanges) : changed, tooMany, silences, prunes));
    }

    // The change log's lock (where the database needs a statement for it), then its last sequence: the start of both sequenced reads.
    private string LockAndLastSequenceSql => changeLogLockSql + "SELECT COALESCE(MAX(sequence), 0) FROM alert_changes WHERE service_id = @service;";

    private async Task<long> ReadLastSequenceAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        if (changeLogLockSql is not null)
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
    }

    private static async Task<long> ReadPrunesAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private SqlStatementBatch Statements(AlertStoreWrites writes)
    {
        var batch = new SqlStatementBatch(database);
        foreach (var alert in writes.Alerts.Values)
        {
            AddAlert(batch, alert);
        }

        foreach (var incident in writes.Incidents.Values)
        {
            batch.Add(
                "INSERT INTO incidents (service_id, incident_id, group_name, kind, start_ticks, end_ticks) VALUES (@service, @id, @group, @kind, @start, @end) " +
                "ON CONFLICT (service_id, incident_id) DO UPDATE SET start_ticks = excluded.start_ticks, end_ticks = excluded.end_ticks",
                ("@id", incident.Id), ("@group", incident.Group), ("@kind", incident.Kind),
                ("@start", incident.Start.UtcTicks), ("@end", incident.End?.UtcTicks));
        }

        foreach (var (incidentId, alertId, account) in writes.NewMembers)
        {
            batch.Add(
                "INSERT INTO incident_alerts (service_id, incident_id, alert_id, account) VALUES (@service, @incident, @alert, @account) " +
                "ON CONFLICT (service_id, incident_id, alert_id) DO NOTHING",
                ("@incident", incidentId), ("@alert", alertId), ("@account", account));
        }

        foreach (var change in writes.Changes)
        {
            // No ON CONFLICT: a second activation of the hub writing the same sequence must fail, not interleave.
            batch.Add(
                "INSERT INTO alert_changes (service_id, sequence, alert_id, change, recorded_ticks, change_json) VALUES (@service, @sequence, @alert, @change, @recorded, @json)",
                ("@sequence", change.Sequence), ("@alert", change.Alert.Id), ("@change", change.Change),
                ("@recorded", (change.Alert.UpdatedAt ?? change.Alert.Start).UtcTicks), ("@json", AlertStoreJson.Serialize(change)));
        }

        foreach (var silence in writes.Silences.Values)
        {
            batch.Add(
                "INSERT INTO silences (service_id, silence_id, created_ticks, ends_ticks, silence_json) VALUES (@service, @id, @created, @ends, @json) " +
                "ON CONFLICT (service_id, silence_id) DO UPDATE SET ends_ticks = excluded.ends_ticks, silence_json = excluded.silence_json",
                ("@id", silence.Id), ("@created", silence.CreatedAt.UtcTicks), ("@ends", silence.ExpiresAt.UtcTicks),
                ("@json", AlertStoreJson.Serialize(silence)));
        }

        return batch;
    }

    private static void AddAlert(SqlStatementBatch batch, AlertView alert)
    {
        var end = alert.End?.UtcTicks;
        batch.Add(
            "INSERT INTO alerts (service_id, alert_id, account, platform, kind, severity, status, start_ticks, end_ticks, updated_ticks, alert_json) " +
            "VALUES (@service, @id, @account, @platform, @kind, @severity, @status, @start, @end, @updated, @json) " +
            "ON CONFLICT (service_id, alert_id) DO UPDATE SET account = excluded.account, platform = excluded.platform, kind = excluded.kind, " +
            "severity = excluded.severity, status = excluded.status, start_ticks = excluded.start_ticks, end_ticks = excluded.end_ticks, " +
            "updated_ticks = excluded.updated_ticks, alert_json = excluded.alert_json",
            ("@id", alert.Id), ("@account", alert.Account), ("@platform", AlertLabels.PlatformOf(alert)),
            ("@kind", alert.Kind.ToLowerInvariant()), ("@severity", alert.Severity.ToLowerInvariant()), ("@status", alert.Status),
            ("@start", alert.Start.UtcTicks), ("@end", end), ("@updated", (alert.UpdatedAt ?? alert.Start).UtcTicks),
            ("@json", AlertStoreJson.Serialize(alert)));
        batch.Add("DELETE FROM alert_groups WHERE service_id = @service AND alert_id = @id", ("@id", alert.Id));
        foreach (var group in AlertLabels.CorrelationKeys(alert))
        {
            batch.Add(
                "INSERT INTO alert_groups (service_id, group_name, alert_id, kind, account, start_ticks, end_ticks) VALUES (@service, @group, @id, @kind, @account, @start, @end)",
                ("@group", group), ("@id", alert.Id), ("@kind", alert.Kind.ToLowerInvariant()), ("@account", alert.Account),
                ("@start", alert.Start.UtcTicks), ("@end", end));
        }
    }
}
