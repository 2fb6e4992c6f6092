namespace Monitor.Grains.Alerts.Store;

/// <summary>Writes one hub call's changes (<see cref="AlertStoreWrites"/>) atomically, as one statement batch.</summary>
internal sealed class AlertStoreWriter(AlertStoreDatabase database)
{
    public async Task CommitAsync(AlertStoreWrites writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.IsEmpty)
        {
            return;
        }

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

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await batch.ExecuteAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private static void AddAlert(SqlStatementBatch batch, Abstractions.Alerts.AlertView alert)
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
