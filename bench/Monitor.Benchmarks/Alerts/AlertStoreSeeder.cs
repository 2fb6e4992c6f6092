using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitor.Abstractions.Alerts;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Benchmarks.Alerts;

/// <summary>
/// Bulk-loads alerts (each with one group row and one change; an alert with an <see cref="AlertView.IncidentId"/> also with
/// its incident, of its first group and its kind, as the hub would have correlated it) straight into the alert store's
/// tables of a migrated database: prepared inserts in 100,000-row transactions on SQLite, binary COPY on PostgreSQL. Seeding millions of rows
/// through the hub (a publish each) would take hours on this machine; the rows are the ones the store itself writes.
/// </summary>
public static class AlertStoreSeeder
{
    private const int SqliteTransactionRows = 100_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void SeedSqlite(string path, string serviceId, IEnumerable<AlertView> alerts, long firstSequence)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        var insertAlert = Prepare(connection,
            "INSERT INTO alerts (service_id, alert_id, account, platform, kind, severity, status, start_ticks, end_ticks, updated_ticks, alert_json) " +
            "VALUES ($s, $id, $account, $platform, $kind, $severity, $status, $start, $end, $updated, $json)",
            "$s", "$id", "$account", "$platform", "$kind", "$severity", "$status", "$start", "$end", "$updated", "$json");
        var insertGroup = Prepare(connection,
            "INSERT INTO alert_groups (service_id, group_name, alert_id, kind, account, start_ticks, end_ticks) VALUES ($s, $group, $id, $kind, $account, $start, $end)",
            "$s", "$group", "$id", "$kind", "$account", "$start", "$end");
        var insertChange = Prepare(connection,
            "INSERT INTO alert_changes (service_id, sequence, alert_id, change, recorded_ticks, change_json) VALUES ($s, $sequence, $id, $change, $start, $json)",
            "$s", "$sequence", "$id", "$change", "$start", "$json");
        var sequence = firstSequence;
        var rows = 0;
        var incidents = new IncidentRows();
        var transaction = connection.BeginTransaction();
        foreach (var alert in alerts)
        {
            incidents.Add(alert);
            insertAlert.Transaction = insertGroup.Transaction = insertChange.Transaction = transaction;
            Bind(insertAlert, ("$s", serviceId), ("$id", alert.Id), ("$account", alert.Account), ("$platform", alert.Platform), ("$kind", alert.Kind),
                ("$severity", alert.Severity), ("$status", alert.Status), ("$start", alert.Start.UtcTicks), ("$end", alert.End?.UtcTicks),
                ("$updated", (alert.UpdatedAt ?? alert.Start).UtcTicks), ("$json", JsonSerializer.Serialize(alert, Json)));
            Bind(insertGroup, ("$s", serviceId), ("$group", alert.Groups[0]), ("$id", alert.Id), ("$kind", alert.Kind), ("$account", alert.Account),
                ("$start", alert.Start.UtcTicks), ("$end", alert.End?.UtcTicks));
            var change = new AlertChange(sequence++, alert.Status == "resolved" ? "resolved" : "opened", alert);
            Bind(insertChange, ("$s", serviceId), ("$sequence", change.Sequence), ("$id", alert.Id), ("$change", change.Change),
                ("$start", alert.Start.UtcTicks), ("$json", JsonSerializer.Serialize(change, Json)));
            if (++rows % SqliteTransactionRows == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
            }
        }

        transaction.Commit();
        transaction.Dispose();
        SeedSqliteIncidents(connection, serviceId, incidents);

        // The load leaves hundreds of megabytes of WAL; folded in now, not by the silo's checkpointer during the timing.
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        checkpoint.ExecuteNonQuery();
    }

    public static async Task SeedPostgresAsync(string connectionString, string serviceId, IReadOnlyList<AlertView> alerts, long firstSequence)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY alerts (service_id, alert_id, account, platform, kind, severity, status, start_ticks, end_ticks, updated_ticks, alert_json) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var alert in alerts)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(serviceId, NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Id, NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Account, NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Platform!, NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Kind, NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Severity, NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Status, NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Start.UtcTicks, NpgsqlDbType.Bigint);
                await WriteNullableAsync(writer, alert.End?.UtcTicks);
                await writer.WriteAsync((alert.UpdatedAt ?? alert.Start).UtcTicks, NpgsqlDbType.Bigint);
                await writer.WriteAsync(JsonSerializer.Serialize(alert, Json), NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY alert_groups (service_id, group_name, alert_id, kind, account, start_ticks, end_ticks) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var alert in alerts)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(serviceId, NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Groups[0], NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Id, NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Kind, NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Account, NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Start.UtcTicks, NpgsqlDbType.Bigint);
                await WriteNullableAsync(writer, alert.End?.UtcTicks);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY alert_changes (service_id, sequence, alert_id, change, recorded_ticks, change_json) FROM STDIN (FORMAT BINARY)"))
        {
            var sequence = firstSequence;
            foreach (var alert in alerts)
            {
                var change = new AlertChange(sequence++, alert.Status == "resolved" ? "resolved" : "opened", alert);
                await writer.StartRowAsync();
                await writer.WriteAsync(serviceId, NpgsqlDbType.Text);
                await writer.WriteAsync(change.Sequence, NpgsqlDbType.Bigint);
                await writer.WriteAsync(alert.Id, NpgsqlDbType.Text);
                await writer.WriteAsync(change.Change, NpgsqlDbType.Text);
                await writer.WriteAsync(alert.Start.UtcTicks, NpgsqlDbType.Bigint);
                await writer.WriteAsync(JsonSerializer.Serialize(change, Json), NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        var incidents = new IncidentRows();
        foreach (var alert in alerts)
        {
            incidents.Add(alert);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY incidents (service_id, incident_id, group_name, kind, start_ticks, end_ticks) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var incident in incidents.Headers)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(serviceId, NpgsqlDbType.Text);
                await writer.WriteAsync(incident.Id, NpgsqlDbType.Text);
                await writer.WriteAsync(incident.Group, NpgsqlDbType.Text);
                await writer.WriteAsync(incident.Kind, NpgsqlDbType.Text);
                await writer.WriteAsync(incident.Start, NpgsqlDbType.Bigint);
                await WriteNullableAsync(writer, incident.End);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY incident_alerts (service_id, incident_id, alert_id, account) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (incidentId, alertId, account) in incidents.Members)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(serviceId, NpgsqlDbType.Text);
                await writer.WriteAsync(incidentId, NpgsqlDbType.Text);
                await writer.WriteAsync(alertId, NpgsqlDbType.Text);
                await writer.WriteAsync(account, NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        // As autovacuum would after a load this size, but before the timing starts: the planner needs the tables'
        // statistics, and index-only scans need the visibility map that only a vacuum sets.
        await using var analyze = new NpgsqlCommand("VACUUM (ANALYZE) alerts, alert_groups, alert_changes, incidents, incident_alerts", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static void SeedSqliteIncidents(SqliteConnection connection, string serviceId, IncidentRows incidents)
    {
        using var transaction = connection.BeginTransaction();
        var insertIncident = Prepare(connection,
            "INSERT INTO incidents (service_id, incident_id, group_name, kind, start_ticks, end_ticks) VALUES ($s, $id, $group, $kind, $start, $end)",
            "$s", "$id", "$group", "$kind", "$start", "$end");
        var insertMember = Prepare(connection,
            "INSERT INTO incident_alerts (service_id, incident_id, alert_id, account) VALUES ($s, $incident, $alert, $account)",
            "$s", "$incident", "$alert", "$account");
        insertIncident.Transaction = insertMember.Transaction = transaction;
        foreach (var incident in incidents.Headers)
        {
            Bind(insertIncident, ("$s", serviceId), ("$id", incident.Id), ("$group", incident.Group), ("$kind", incident.Kind),
                ("$start", incident.Start), ("$end", incident.End));
        }

        foreach (var (incidentId, alertId, account) in incidents.Members)
        {
            Bind(insertMember, ("$s", serviceId), ("$incident", incidentId), ("$alert", alertId), ("$account", account));
        }

        transaction.Commit();
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, long? value)
    {
        if (value is { } ticks)
        {
            await writer.WriteAsync(ticks, NpgsqlDbType.Bigint);
        }
        else
        {
            await writer.WriteNullAsync();
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
