using System.Data.Common;
using System.Globalization;
using System.Text;
using Monitor.Abstractions.Alerts;
using Monitor.Core.Alerts;
using Monitor.Storage;

namespace Monitor.Grains.Alerts.Store;

/// <summary>
/// The alert store's SQL, which SQLite and PostgreSQL share (<c>deploy/sql/*/1201_alert_store.sql</c>); the subclasses
/// open connections. Times are UTC ticks; ids compare ordinally (PostgreSQL's <c>alert_id</c> is <c>COLLATE "C"</c>).
/// </summary>
internal abstract class SqlAlertStore(string serviceId, SchemaGate schema) : IAlertStore
{
    private const string AlertColumns = "alert_json";
    private const string Resolved = "resolved";
    private const int IdsPerStatement = 500;
    private const int PruneBatch = 5_000;

    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    public async Task<long> GetLastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT COALESCE(MAX(sequence), 0) FROM alert_changes WHERE service_id = @service");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<AlertView>> GetAlertsAsync(IReadOnlyCollection<string> alertIds, CancellationToken cancellationToken)
    {
        var alerts = new List<AlertView>();
        if (alertIds.Count == 0)
        {
            return alerts;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in alertIds.Chunk(IdsPerStatement))
        {
            await using var command = Command(connection, null, $"SELECT {AlertColumns} FROM alerts WHERE service_id = @service AND alert_id IN ({InList(chunk.Length)})");
            AddIds(command, chunk);
            alerts.AddRange(await ReadAlertsAsync(command, cancellationToken).ConfigureAwait(false));
        }

        return alerts;
    }

    public async Task<IReadOnlyList<AlertView>> FindUnincidentedInGroupAsync(string group, string kind, DateTimeOffset from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT a.{AlertColumns} FROM alert_groups g JOIN alerts a ON a.service_id = g.service_id AND a.alert_id = g.alert_id " +
            "WHERE g.service_id = @service AND g.group_name = @group AND g.kind = @kind AND (g.end_ticks IS NULL OR g.end_ticks >= @from)" +
            (to is null ? "" : " AND g.start_ticks <= @to") +
            " AND NOT EXISTS (SELECT 1 FROM incident_alerts m JOIN incidents i ON i.service_id = m.service_id AND i.incident_id = m.incident_id " +
            "WHERE m.service_id = g.service_id AND m.alert_id = g.alert_id AND i.group_name = g.group_name AND i.kind = g.kind)",
            ("@group", group), ("@kind", kind), ("@from", from.UtcTicks));
        if (to is { } until)
        {
            Add(command, "@to", until.UtcTicks);
        }

        return await ReadAlertsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredIncident>> FindIncidentsNearAsync(
        string group, string kind, string alertId, string account, DateTimeOffset from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = Command(connection, null,
            "SELECT i.incident_id FROM incident_alerts m JOIN incidents i ON i.service_id = m.service_id AND i.incident_id = m.incident_id " +
            "WHERE m.service_id = @service AND m.alert_id = @alert AND i.group_name = @group AND i.kind = @kind " +
            "UNION SELECT i.incident_id FROM alert_groups g " +
            "JOIN incident_alerts m ON m.service_id = g.service_id AND m.alert_id = g.alert_id " +
            "JOIN incidents i ON i.service_id = m.service_id AND i.incident_id = m.incident_id AND i.group_name = g.group_name AND i.kind = g.kind " +
            "WHERE g.service_id = @service AND g.group_name = @group AND g.kind = @kind AND g.account <> @account " +
            "AND (g.end_ticks IS NULL OR g.end_ticks >= @from)" + (to is null ? "" : " AND g.start_ticks <= @to"),
            ("@alert", alertId), ("@group", group), ("@kind", kind), ("@account", account), ("@from", from.UtcTicks)))
        {
            if (to is { } until)
            {
                Add(command, "@to", until.UtcTicks);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        return await LoadIncidentsAsync(connection, ids, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AlertView>> FindUnresolvedAsync(IReadOnlyCollection<string> kinds, string platform, string? account, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var kindList = string.Join(", ", kinds.Select((_, i) => $"@kind{i}"));
        await using var command = Command(connection, null,
            $"SELECT {AlertColumns} FROM alerts WHERE service_id = @service AND platform = @platform AND kind IN ({kindList}) AND status <> @resolved" +
            (account is null ? "" : " AND account = @account"),
            ("@platform", platform), ("@resolved", Resolved));
        var index = 0;
        foreach (var kind in kinds)
        {
            Add(command, $"@kind{index++}", kind);
        }

        if (account is not null)
        {
            Add(command, "@account", account);
        }

        return await ReadAlertsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AlertView>> ListUnresolvedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {AlertColumns} FROM alerts WHERE service_id = @service AND status <> @resolved", ("@resolved", Resolved));
        return await ReadAlertsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AlertPage> QueryAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        // With a group the rows come from the group's index (o = alert_groups, which carries start and kind), else from
        // the alerts' own indexes (o = alerts); either way in (start, id) order, newest first.
        var sql = new StringBuilder(query.Group is null
            ? "SELECT a.alert_json, a.start_ticks, a.alert_id FROM alerts a WHERE a.service_id = @service"
            : "SELECT a.alert_json, o.start_ticks, o.alert_id FROM alert_groups o JOIN alerts a ON a.service_id = o.service_id AND a.alert_id = o.alert_id " +
              "WHERE o.service_id = @service AND o.group_name = @group");
        var order = query.Group is null ? "a" : "o";
        var parameters = new List<(string, object?)>();
        if (query.Group is not null)
        {
            parameters.Add(("@group", query.Group));
        }

        // Kinds, severities and statuses are stored lower case, as the vocabulary writes them.
        (string Condition, string Name, object? Value)[] filters =
        [
            ("a.status = @status", "@status", query.Status?.ToLowerInvariant()),
            ($"{order}.kind = @kind", "@kind", query.Kind?.ToLowerInvariant()),
            ("a.severity = @severity", "@severity", query.Severity?.ToLowerInvariant()),
            ("a.account = @account", "@account", query.Account),
            ("a.updated_ticks >= @since", "@since", query.Since?.UtcTicks),
        ];
        foreach (var (condition, name, value) in filters.Where(filter => filter.Value is not null))
        {
            sql.Append(" AND ").Append(condition);
            parameters.Add((name, value));
        }

        if (query.Cursor is { } cursor)
        {
            var (ticks, id) = ParseCursor(cursor);
            sql.Append($" AND ({order}.start_ticks < @cursorTicks OR ({order}.start_ticks = @cursorTicks AND {order}.alert_id < @cursorId))");
            parameters.Add(("@cursorTicks", ticks));
            parameters.Add(("@cursorId", id));
        }

        sql.Append($" ORDER BY {order}.start_ticks DESC, {order}.alert_id DESC LIMIT @limit");
        parameters.Add(("@limit", query.Limit + 1));

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql.ToString(), [.. parameters]);
        var items = new List<AlertView>();
        string? next = null;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long lastTicks = 0;
        var lastId = string.Empty;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == query.Limit)
            {
                next = string.Create(CultureInfo.InvariantCulture, $"{lastTicks}:{lastId}");
                break;
            }

            items.Add(AlertStoreJson.Deserialize<AlertView>(reader.GetString(0)));
            lastTicks = reader.GetInt64(1);
            lastId = reader.GetString(2);
        }

        return new AlertPage(items, next);
    }

    public async Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT change_json FROM alert_changes WHERE service_id = @service AND sequence > @after ORDER BY sequence LIMIT @max",
            ("@after", afterSequence), ("@max", max));
        return await ReadJsonAsync<AlertChange>(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Silence>> ListSilencesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT silence_json FROM silences WHERE service_id = @service");
        return await ReadJsonAsync<Silence>(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Incident>> ListIncidentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        await using (var command = Command(connection, null, "SELECT incident_id FROM incidents WHERE service_id = @service"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        var incidents = await LoadIncidentsAsync(connection, ids, cancellationToken).ConfigureAwait(false);
        return incidents
            .Select(incident => new Incident(
                incident.Id, incident.Group, incident.Kind, incident.Start, incident.End,
                [.. incident.Members.Keys.Order(StringComparer.Ordinal)],
                [.. incident.Members.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .OrderByDescending(incident => incident.Start)
            .ThenBy(incident => incident.Id, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<long> CountAlertsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT COUNT(*) FROM alerts WHERE service_id = @service");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task CommitAsync(AlertStoreWrites writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.IsEmpty)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var alert in writes.Alerts.Values)
        {
            await UpsertAlertAsync(connection, transaction, alert, cancellationToken).ConfigureAwait(false);
        }

        foreach (var incident in writes.Incidents.Values)
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO incidents (service_id, incident_id, group_name, kind, start_ticks, end_ticks) VALUES (@service, @id, @group, @kind, @start, @end) " +
                "ON CONFLICT (service_id, incident_id) DO UPDATE SET start_ticks = excluded.start_ticks, end_ticks = excluded.end_ticks",
                cancellationToken, ("@id", incident.Id), ("@group", incident.Group), ("@kind", incident.Kind),
                ("@start", incident.Start.UtcTicks), ("@end", incident.End?.UtcTicks)).ConfigureAwait(false);
        }

        foreach (var (incidentId, alertId, account) in writes.NewMembers)
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO incident_alerts (service_id, incident_id, alert_id, account) VALUES (@service, @incident, @alert, @account) " +
                "ON CONFLICT (service_id, incident_id, alert_id) DO NOTHING",
                cancellationToken, ("@incident", incidentId), ("@alert", alertId), ("@account", account)).ConfigureAwait(false);
        }

        foreach (var change in writes.Changes)
        {
            // No ON CONFLICT: a second activation of the hub writing the same sequence must fail, not interleave.
            await ExecuteAsync(connection, transaction,
                "INSERT INTO alert_changes (service_id, sequence, alert_id, change, recorded_ticks, change_json) VALUES (@service, @sequence, @alert, @change, @recorded, @json)",
                cancellationToken, ("@sequence", change.Sequence), ("@alert", change.Alert.Id), ("@change", change.Change),
                ("@recorded", (change.Alert.UpdatedAt ?? change.Alert.Start).UtcTicks), ("@json", AlertStoreJson.Serialize(change))).ConfigureAwait(false);
        }

        foreach (var silence in writes.Silences.Values)
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO silences (service_id, silence_id, created_ticks, ends_ticks, silence_json) VALUES (@service, @id, @created, @ends, @json) " +
                "ON CONFLICT (service_id, silence_id) DO UPDATE SET ends_ticks = excluded.ends_ticks, silence_json = excluded.silence_json",
                cancellationToken, ("@id", silence.Id), ("@created", silence.CreatedAt.UtcTicks), ("@ends", silence.ExpiresAt.UtcTicks),
                ("@json", AlertStoreJson.Serialize(silence))).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PruneAsync(AlertRetention retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var removed = 0;
        if (retention.EndedBefore is { } cutoff)
        {
            removed += await RemoveAlertsAsync(connection,
                "SELECT alert_id FROM alerts WHERE service_id = @service AND status = @resolved AND end_ticks < @cutoff ORDER BY end_ticks LIMIT @batch",
                cancellationToken, ("@resolved", Resolved), ("@cutoff", cutoff.UtcTicks)).ConfigureAwait(false);
        }

        if (retention.MaxAlerts is { } max)
        {
            await using var count = Command(connection, null, "SELECT COUNT(*) FROM alerts WHERE service_id = @service");
            var excess = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) - max;
            if (excess > 0)
            {
                removed += await RemoveAlertsAsync(connection,
                    "SELECT alert_id FROM alerts WHERE service_id = @service AND status = @resolved ORDER BY end_ticks, alert_id LIMIT @batch",
                    cancellationToken, ("@resolved", Resolved), ("@limit", excess)).ConfigureAwait(false);
            }
        }

        await using (var trim = Command(connection, null,
            "DELETE FROM alert_changes WHERE service_id = @service AND sequence < (SELECT MAX(sequence) FROM alert_changes WHERE service_id = @service) " +
            "AND (recorded_ticks < @before OR sequence <= (SELECT MAX(sequence) FROM alert_changes WHERE service_id = @service) - @max)",
            ("@before", retention.ChangesRecordedBefore.UtcTicks), ("@max", retention.MaxChanges)))
        {
            await trim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    /// <summary>Removes the alerts the query selects (in batches of at most <c>@batch</c>, up to <c>@limit</c> when given), with their group rows, memberships and emptied incidents.</summary>
    private async Task<int> RemoveAlertsAsync(DbConnection connection, string select, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var limit = parameters.FirstOrDefault(p => p.Name == "@limit").Value as long? ?? long.MaxValue;
        var selectParameters = parameters.Where(p => p.Name != "@limit").ToArray();
        var removed = 0;
        while (removed < limit)
        {
            var ids = new List<string>();
            await using (var command = Command(connection, null, select, [.. selectParameters, ("@batch", (long)Math.Min(PruneBatch, limit - removed))]))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(reader.GetString(0));
                }
            }

            if (ids.Count == 0)
            {
                break;
            }

            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var incidents = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in ids.Chunk(IdsPerStatement))
            {
                var list = InList(chunk.Length);
                await using (var find = Command(connection, transaction, $"SELECT DISTINCT incident_id FROM incident_alerts WHERE service_id = @service AND alert_id IN ({list})"))
                {
                    AddIds(find, chunk);
                    await using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        incidents.Add(reader.GetString(0));
                    }
                }

                foreach (var table in new[] { "alerts", "alert_groups", "incident_alerts" })
                {
                    await using var delete = Command(connection, transaction, $"DELETE FROM {table} WHERE service_id = @service AND alert_id IN ({list})");
                    AddIds(delete, chunk);
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var incident in incidents)
            {
                await ExecuteAsync(connection, transaction,
                    "DELETE FROM incidents WHERE service_id = @service AND incident_id = @id " +
                    "AND NOT EXISTS (SELECT 1 FROM incident_alerts m WHERE m.service_id = @service AND m.incident_id = @id)",
                    cancellationToken, ("@id", incident)).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            removed += ids.Count;
        }

        return removed;
    }

    private async Task<IReadOnlyList<StoredIncident>> LoadIncidentsAsync(DbConnection connection, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var incidents = new List<StoredIncident>();
        foreach (var id in ids)
        {
            await using var command = Command(connection, null,
                "SELECT i.group_name, i.kind, i.start_ticks, i.end_ticks, m.alert_id, m.account FROM incidents i " +
                "LEFT JOIN incident_alerts m ON m.service_id = i.service_id AND m.incident_id = i.incident_id " +
                "WHERE i.service_id = @service AND i.incident_id = @id",
                ("@id", id));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var members = new Dictionary<string, string>(StringComparer.Ordinal);
            StoredIncident? incident = null;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                incident ??= new StoredIncident(id, reader.GetString(0), reader.GetString(1), FromTicks(reader.GetInt64(2)),
                    reader.IsDBNull(3) ? null : FromTicks(reader.GetInt64(3)), members);
                if (!reader.IsDBNull(4))
                {
                    members[reader.GetString(4)] = reader.GetString(5);
                }
            }

            if (incident is not null)
            {
                incidents.Add(incident);
            }
        }

        return incidents;
    }

    private async Task UpsertAlertAsync(DbConnection connection, DbTransaction transaction, AlertView alert, CancellationToken cancellationToken)
    {
        var end = alert.End?.UtcTicks;
        await ExecuteAsync(connection, transaction,
            "INSERT INTO alerts (service_id, alert_id, account, platform, kind, severity, status, start_ticks, end_ticks, updated_ticks, alert_json) " +
            "VALUES (@service, @id, @account, @platform, @kind, @severity, @status, @start, @end, @updated, @json) " +
            "ON CONFLICT (service_id, alert_id) DO UPDATE SET account = excluded.account, platform = excluded.platform, kind = excluded.kind, " +
            "severity = excluded.severity, status = excluded.status, start_ticks = excluded.start_ticks, end_ticks = excluded.end_ticks, " +
            "updated_ticks = excluded.updated_ticks, alert_json = excluded.alert_json",
            cancellationToken, ("@id", alert.Id), ("@account", alert.Account), ("@platform", AlertLabels.PlatformOf(alert)),
            ("@kind", alert.Kind.ToLowerInvariant()), ("@severity", alert.Severity.ToLowerInvariant()), ("@status", alert.Status),
            ("@start", alert.Start.UtcTicks), ("@end", end), ("@updated", (alert.UpdatedAt ?? alert.Start).UtcTicks),
            ("@json", AlertStoreJson.Serialize(alert))).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "DELETE FROM alert_groups WHERE service_id = @service AND alert_id = @id", cancellationToken, ("@id", alert.Id)).ConfigureAwait(false);
        foreach (var group in AlertLabels.CorrelationKeys(alert))
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO alert_groups (service_id, group_name, alert_id, kind, account, start_ticks, end_ticks) VALUES (@service, @group, @id, @kind, @account, @start, @end)",
                cancellationToken, ("@group", group), ("@id", alert.Id), ("@kind", alert.Kind.ToLowerInvariant()), ("@account", alert.Account),
                ("@start", alert.Start.UtcTicks), ("@end", end)).ConfigureAwait(false);
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Add(command, "@service", serviceId);
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            // PostgreSQL must know the type of a null; every nullable column here is a bigint.
            parameter.DbType = System.Data.DbType.Int64;
        }

        command.Parameters.Add(parameter);
    }

    private static string InList(int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => $"@id{i}"));

    private static void AddIds(DbCommand command, IReadOnlyList<string> ids)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            Add(command, $"@id{i}", ids[i]);
        }
    }

    private static Task<List<AlertView>> ReadAlertsAsync(DbCommand command, CancellationToken cancellationToken) =>
        ReadJsonAsync<AlertView>(command, cancellationToken);

    /// <summary>The first column of every row, a JSON record.</summary>
    private static async Task<List<T>> ReadJsonAsync<T>(DbCommand command, CancellationToken cancellationToken)
    {
        var records = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(AlertStoreJson.Deserialize<T>(reader.GetString(0)));
        }

        return records;
    }

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    private static (long Ticks, string Id) ParseCursor(string cursor)
    {
        var separator = cursor.IndexOf(':', StringComparison.Ordinal);
        if (separator < 1 || !long.TryParse(cursor.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            throw new ArgumentException($"The cursor '{cursor}' is not one this feed returned.", $"query.{nameof(AlertQuery.Cursor)}");
        }

        return (ticks, cursor[(separator + 1)..]);
    }
}
