using System.Globalization;
using System.Text;
using Monitor.Abstractions.Alerts;

namespace Monitor.Grains.Alerts.Store;

/// <summary>The alert feed (<c>GET /api/alerts</c>): filtered, sorted newest first and cursor-paged by the database.</summary>
internal sealed class AlertFeedQuery(AlertStoreDatabase database)
{
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
            // The first condition alone bounds an index range (the OR does not, on PostgreSQL: a page from deep in the feed
            // would scan every newer row); the second skips what the previous page showed at the same start.
            sql.Append($" AND {order}.start_ticks <= @cursorTicks AND ({order}.start_ticks < @cursorTicks OR {order}.alert_id < @cursorId)");
            parameters.Add(("@cursorTicks", ticks));
            parameters.Add(("@cursorId", id));
        }

        sql.Append($" ORDER BY {order}.start_ticks DESC, {order}.alert_id DESC LIMIT @limit");
        parameters.Add(("@limit", query.Limit + 1));

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.Command(connection, null, sql.ToString(), [.. parameters]);
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
