using Monitor.Abstractions.Accounts;
using Npgsql;
using NpgsqlTypes;
using Monitor.Storage;

namespace Monitor.Grains.Directories;

/// <summary>The directory table in PostgreSQL.</summary>
internal sealed class PostgresAccountDirectoryStore(NpgsqlDataSource dataSource, string serviceId, TimeProvider time, SchemaGate schema)
    : IAccountDirectoryStore
{
    private const string UpsertSql =
        "INSERT INTO account_directory (service_id, account, platform, handle, display_name, groups, tags, summary_json, updated_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) " +
        "ON CONFLICT (service_id, account) DO UPDATE SET platform = excluded.platform, handle = excluded.handle, " +
        "display_name = excluded.display_name, groups = excluded.groups, tags = excluded.tags, " +
        "summary_json = excluded.summary_json, updated_at = excluded.updated_at";

    public async Task<IReadOnlyList<AccountSummary>> LoadAsync(CancellationToken cancellationToken)
    {
        await schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT summary_json::text FROM account_directory WHERE service_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        var summaries = new List<AccountSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            summaries.Add(DirectoryJson.Deserialize(reader.GetString(0)));
        }

        return summaries;
    }

    public async Task ApplyAsync(IReadOnlyList<DirectoryChange> changes, CancellationToken cancellationToken)
    {
        await schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        var updated = time.GetUtcNow().UtcDateTime;
        foreach (var change in changes)
        {
            if (change.Summary is { } summary)
            {
                var upsert = new NpgsqlBatchCommand(UpsertSql);
                upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
                upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = summary.Account });
                upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = summary.Platform });
                upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)summary.Profile.Handle ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                upsert.Parameters.Add(new NpgsqlParameter { Value = (object?)summary.Profile.DisplayName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
                upsert.Parameters.Add(new NpgsqlParameter { Value = DirectoryJson.Serialize(summary.Profile.Groups), NpgsqlDbType = NpgsqlDbType.Jsonb });
                upsert.Parameters.Add(new NpgsqlParameter { Value = DirectoryJson.Serialize(summary.Profile.Tags), NpgsqlDbType = NpgsqlDbType.Jsonb });
                upsert.Parameters.Add(new NpgsqlParameter { Value = DirectoryJson.Serialize(summary), NpgsqlDbType = NpgsqlDbType.Jsonb });
                upsert.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = updated, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                batch.BatchCommands.Add(upsert);
            }
            else
            {
                var delete = new NpgsqlBatchCommand("DELETE FROM account_directory WHERE service_id = $1 AND account = $2");
                delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
                delete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = change.Account });
                batch.BatchCommands.Add(delete);
            }
        }

        // A batch of several statements runs in one implicit transaction.
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
