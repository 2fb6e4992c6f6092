using System.Data.Common;
using Monitor.Abstractions.Alerts;
using Npgsql;

namespace Monitor.Grains.Alerts.Store;

/// <summary>
/// The alert store in PostgreSQL; several silos share it, and every hub shard writes it. A <c>bigserial</c> would not be
/// in commit order across concurrent transactions (a reader could pass a lower number committed later), so commits take
/// a transaction-scoped advisory lock, one per service, and number their changes after the last one under it.
/// </summary>
internal sealed class PostgresAlertStore(NpgsqlDataSource dataSource, string serviceId, SchemaGate schema)
    : SqlAlertStore(serviceId, schema, "SELECT pg_advisory_xact_lock(hashtext('monitor_alert_changes'), hashtext(@service));"), IOneStatementAcknowledgement
{
    // The status is the version check: only an open alert changes. Its JSON is changed in place (the other fields as
    // stored, whichever publish wrote them last), and the change's JSON is built around it. When nothing was updated the
    // last SELECT returns the alert as it was (a data-modifying WITH sees the snapshot before the update).
    private const string AcknowledgeSql =
        "WITH updated AS (" +
        " UPDATE alerts SET status = @acknowledged, updated_ticks = @at_ticks," +
        " alert_json = (alert_json::jsonb || jsonb_build_object('status', @acknowledged, 'acknowledgedBy', @by, 'updatedAt', @at_json::jsonb))::text" +
        " WHERE service_id = @service AND alert_id = @id AND status = @open RETURNING alert_json)," +
        " logged AS (" +
        " INSERT INTO alert_changes (service_id, sequence, alert_id, change, recorded_ticks, change_json)" +
        " SELECT @service, @sequence, @id, @acknowledged, @at_ticks," +
        " jsonb_build_object('sequence', @sequence, 'change', @acknowledged, 'alert', updated.alert_json::jsonb)::text FROM updated" +
        " RETURNING change_json)" +
        " SELECT true, change_json FROM logged" +
        " UNION ALL SELECT false, alert_json FROM alerts WHERE service_id = @service AND alert_id = @id AND NOT EXISTS (SELECT 1 FROM updated)";

    public async Task<AcknowledgeOutcome> AcknowledgeAsync(string alertId, string? by, DateTimeOffset at, long sequence, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Database.Command(connection, null, AcknowledgeSql,
            ("@id", alertId), ("@by", by), ("@at_ticks", at.UtcTicks), ("@at_json", AlertStoreJson.Serialize(at)), ("@sequence", sequence),
            ("@acknowledged", AlertStatuses.Acknowledged), ("@open", AlertStatuses.Open));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new AcknowledgeOutcome(null, null);
        }

        return reader.GetBoolean(0)
            ? new AcknowledgeOutcome(AlertStoreJson.Deserialize<AlertChange>(reader.GetString(1)), null)
            : new AcknowledgeOutcome(null, AlertStoreJson.Deserialize<AlertView>(reader.GetString(1)));
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
}
