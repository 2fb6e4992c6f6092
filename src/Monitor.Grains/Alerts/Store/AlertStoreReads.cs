using System.Data.Common;
using System.Globalization;
using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Alerts.Store;

/// <summary>The alert store's reads for the hub: alerts by id, correlation and inhibition lookups, incidents, changes, silences.</summary>
internal sealed class AlertStoreReads(AlertStoreDatabase database)
{
    /// <summary>The most questions one statement carries (six parameters each).</summary>
    private const int QuestionsPerStatement = 100;

    public async Task<long> GetLastSequenceAsync(CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT COALESCE(MAX(sequence), 0) FROM alert_changes WHERE service_id = @service", cancellationToken).ConfigureAwait(false);

    public async Task<long> GetPrunesAsync(CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT COALESCE((SELECT prunes FROM alert_prunes WHERE service_id = @service), 0)", cancellationToken).ConfigureAwait(false);

    public async Task<long> CountAlertsAsync(CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT COUNT(*) FROM alerts WHERE service_id = @service", cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<AlertView>> GetAlertsAsync(IReadOnlyCollection<string> alertIds, CancellationToken cancellationToken)
    {
        var alerts = new List<AlertView>();
        if (alertIds.Count == 0)
        {
            return alerts;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in alertIds.Chunk(AlertStoreDatabase.IdsPerStatement))
        {
            await using var command = database.Command(connection, null,
                $"SELECT alert_json FROM alerts WHERE service_id = @service AND alert_id IN ({AlertStoreDatabase.InList(chunk.Length)})");
            AlertStoreDatabase.AddIds(command, chunk);
            alerts.AddRange(await AlertStoreDatabase.ReadJsonAsync<AlertView>(command, cancellationToken).ConfigureAwait(false));
        }

        return alerts;
    }

    public async Task<IReadOnlyList<IReadOnlyList<AlertView>>> FindUnincidentedInGroupsAsync(
        IReadOnlyList<(string Group, string Kind)> groupKinds, DateTimeOffset from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var found = groupKinds.Select(_ => new List<AlertView>()).ToList();
        if (groupKinds.Count == 0)
        {
            return found;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in groupKinds.Select((pair, index) => (pair.Group, pair.Kind, Index: index)).Chunk(QuestionsPerStatement))
        {
            // One row per pair (its index, group, kind); an alert in several pairs' groups comes once for each.
            await using var command = database.Command(connection, null,
                $"WITH q (n, grp, kind) AS (VALUES {string.Join(", ", chunk.Select(q => $"({q.Index}, @g{q.Index}, @k{q.Index})"))}) " +
                "SELECT q.n, a.alert_json FROM q JOIN alert_groups g ON g.service_id = @service AND g.group_name = q.grp AND g.kind = q.kind " +
                "JOIN alerts a ON a.service_id = g.service_id AND a.alert_id = g.alert_id " +
                "WHERE (g.end_ticks IS NULL OR g.end_ticks >= @from) AND g.start_ticks <= @to" +
                " AND NOT EXISTS (SELECT 1 FROM incident_alerts m JOIN incidents i ON i.service_id = m.service_id AND i.incident_id = m.incident_id " +
                "WHERE m.service_id = g.service_id AND m.alert_id = g.alert_id AND i.group_name = g.group_name AND i.kind = g.kind)",
                ("@from", from.UtcTicks), ("@to", (to ?? DateTimeOffset.MaxValue).UtcTicks));
            foreach (var (group, kind, index) in chunk)
            {
                AlertStoreDatabase.Add(command, $"@g{index}", group);
                AlertStoreDatabase.Add(command, $"@k{index}", kind);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found[reader.GetInt32(0)].Add(AlertStoreJson.Deserialize<AlertView>(reader.GetString(1)));
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<IReadOnlyList<string>>> FindIncidentIdsNearAsync(IReadOnlyList<IncidentProximity> questions, CancellationToken cancellationToken)
    {
        var found = questions.Select(_ => new List<string>()).ToList();
        if (questions.Count == 0)
        {
            return found;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in questions.Select((question, index) => (Question: question, Index: index)).Chunk(QuestionsPerStatement))
        {
            await using var command = database.Command(connection, null,
                // One row per question. For each, one pass over the incidents of its group and kind (few, next to the
                // alerts): those holding the alert, and those whose span overlaps the window (a member that overlaps it
                // lies within its incident's span) with such a member of another account. An open window ends at the
                // largest time. A read from the group's alerts read every open one; a UNION made SQLite's planner walk
                // every incident of the service to merge sorted halves.
                $"WITH q (n, grp, kind, alert, account, from_ticks, to_ticks) AS (VALUES {string.Join(", ", chunk.Select(q => $"({q.Index}, @g{q.Index}, @k{q.Index}, @a{q.Index}, @c{q.Index}, @f{q.Index}, @t{q.Index})"))}) " +
                "SELECT q.n, i.incident_id FROM q JOIN incidents i ON i.service_id = @service AND i.group_name = q.grp AND i.kind = q.kind WHERE " +
                "EXISTS (SELECT 1 FROM incident_alerts h WHERE h.service_id = i.service_id AND h.incident_id = i.incident_id AND h.alert_id = q.alert) " +
                "OR ((i.end_ticks IS NULL OR i.end_ticks >= q.from_ticks) AND i.start_ticks <= q.to_ticks" +
                // CROSS JOIN: SQLite then reads the incident's members and looks each up, rather than the whole group; an
                // inner join to PostgreSQL, which orders it by its statistics.
                " AND EXISTS (SELECT 1 FROM incident_alerts m CROSS JOIN alert_groups g " +
                "WHERE m.service_id = i.service_id AND m.incident_id = i.incident_id " +
                "AND g.service_id = m.service_id AND g.group_name = i.group_name AND g.alert_id = m.alert_id AND g.account <> q.account " +
                "AND (g.end_ticks IS NULL OR g.end_ticks >= q.from_ticks) AND g.start_ticks <= q.to_ticks))");
            foreach (var (question, index) in chunk)
            {
                AlertStoreDatabase.Add(command, $"@g{index}", question.Group);
                AlertStoreDatabase.Add(command, $"@k{index}", question.Kind);
                AlertStoreDatabase.Add(command, $"@a{index}", question.AlertId);
                AlertStoreDatabase.Add(command, $"@c{index}", question.Account);
                AlertStoreDatabase.Add(command, $"@f{index}", question.From.UtcTicks);
                AlertStoreDatabase.Add(command, $"@t{index}", (question.To ?? DateTimeOffset.MaxValue).UtcTicks);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found[reader.GetInt32(0)].Add(reader.GetString(1));
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<StoredIncident>> LoadIncidentsAsync(IReadOnlyCollection<string> incidentIds, CancellationToken cancellationToken)
    {
        if (incidentIds.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadIncidentsAsync(connection, incidentIds, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> FindOpenMembersAsync(string incidentId, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null,
            "SELECT m.alert_id FROM incident_alerts m JOIN alerts a ON a.service_id = m.service_id AND a.alert_id = m.alert_id " +
            "WHERE m.service_id = @service AND m.incident_id = @id AND a.end_ticks IS NULL LIMIT @max",
            ("@id", incidentId), ("@max", (long)max));
        return await AlertStoreDatabase.ReadStringsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset?>> GetMemberEndsAsync(string incidentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null,
            "SELECT m.alert_id, a.end_ticks FROM incident_alerts m JOIN alerts a ON a.service_id = m.service_id AND a.alert_id = m.alert_id " +
            "WHERE m.service_id = @service AND m.incident_id = @id",
            ("@id", incidentId));
        var ends = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ends[reader.GetString(0)] = reader.IsDBNull(1) ? null : AlertStoreDatabase.FromTicks(reader.GetInt64(1));
        }

        return ends;
    }

    public async Task<IReadOnlyList<AlertView>> FindUnresolvedAsync(IReadOnlyCollection<string> kinds, string platform, string? account, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var kindList = string.Join(", ", kinds.Select((_, i) => $"@kind{i}"));
        await using var command = database.Command(connection, null,
            $"SELECT alert_json FROM alerts WHERE service_id = @service AND platform = @platform AND kind IN ({kindList}) AND status <> @resolved" +
            (account is null ? "" : " AND account = @account"),
            ("@platform", platform), ("@resolved", AlertStoreDatabase.Resolved));
        var index = 0;
        foreach (var kind in kinds)
        {
            AlertStoreDatabase.Add(command, $"@kind{index++}", kind);
        }

        if (account is not null)
        {
            AlertStoreDatabase.Add(command, "@account", account);
        }

        return await AlertStoreDatabase.ReadJsonAsync<AlertView>(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AlertView>> ListUnresolvedAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        await ReadJsonAsync<AlertView>(
            // Every id is after the empty one.
            "SELECT alert_json FROM alerts WHERE service_id = @service AND status <> @resolved AND alert_id > @after ORDER BY alert_id LIMIT @limit",
            cancellationToken, ("@resolved", AlertStoreDatabase.Resolved), ("@after", afterId ?? ""), ("@limit", (long)limit)).ConfigureAwait(false);

    public async Task<IReadOnlyList<AlertChange>> ReadChangesAsync(long afterSequence, int max, CancellationToken cancellationToken) =>
        await ReadJsonAsync<AlertChange>("SELECT change_json FROM alert_changes WHERE service_id = @service AND sequence > @after ORDER BY sequence LIMIT @max",
            cancellationToken, ("@after", afterSequence), ("@max", max)).ConfigureAwait(false);

    public async Task<IReadOnlyList<Silence>> ListSilencesAsync(CancellationToken cancellationToken) =>
        await ReadJsonAsync<Silence>("SELECT silence_json FROM silences WHERE service_id = @service", cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<Incident>> ListIncidentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        List<string> ids;
        await using (var command = database.Command(connection, null, "SELECT incident_id FROM incidents WHERE service_id = @service"))
        {
            ids = await AlertStoreDatabase.ReadStringsAsync(command, cancellationToken).ConfigureAwait(false);
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

    private async Task<IReadOnlyList<StoredIncident>> LoadIncidentsAsync(DbConnection connection, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var incidents = new Dictionary<string, StoredIncident>(StringComparer.Ordinal);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(AlertStoreDatabase.IdsPerStatement))
        {
            await using var command = database.Command(connection, null,
                "SELECT i.incident_id, i.group_name, i.kind, i.start_ticks, i.end_ticks, m.alert_id, m.account FROM incidents i " +
                "LEFT JOIN incident_alerts m ON m.service_id = i.service_id AND m.incident_id = i.incident_id " +
                $"WHERE i.service_id = @service AND i.incident_id IN ({AlertStoreDatabase.InList(chunk.Length)})");
            AlertStoreDatabase.AddIds(command, chunk);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetString(0);
                if (!incidents.TryGetValue(id, out var incident))
                {
                    incident = new StoredIncident(id, reader.GetString(1), reader.GetString(2), AlertStoreDatabase.FromTicks(reader.GetInt64(3)),
                        reader.IsDBNull(4) ? null : AlertStoreDatabase.FromTicks(reader.GetInt64(4)), new Dictionary<string, string>(StringComparer.Ordinal));
                    incidents[id] = incident;
                }

                if (!reader.IsDBNull(5))
                {
                    ((Dictionary<string, string>)incident.Members)[reader.GetString(5)] = reader.GetString(6);
                }
            }
        }

        // In the order asked, as one query per incident gave them.
        return ids.Where(incidents.ContainsKey).Select(id => incidents[id]).ToList();
    }

    private async Task<List<T>> ReadJsonAsync<T>(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null, sql, parameters);
        return await AlertStoreDatabase.ReadJsonAsync<T>(command, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }
}
