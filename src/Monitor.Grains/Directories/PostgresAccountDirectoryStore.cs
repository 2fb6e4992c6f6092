using Monitor.Abstractions.Accounts;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Grains.Directories;

/// <summary>The directory table in PostgreSQL.</summary>
internal sealed class PostgresAccountDirectoryStore(NpgsqlDataSource dataSource, string serviceId, TimeProvider time, SchemaGate schema)
    : IAccountDirectoryStore
{
    public async Task<IReadOnlyList<AccountSummary>> LoadAsync(CancellationToken cancellationToken)
    {
        await schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(DirectorySql.Select);
        command.Parameters.Add(new NpgsqlParameter<string>("service", serviceId));
        return await DirectoryJson.ReadSummariesAsync(command, cancellationToken).ConfigureAwait(false);
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
                var upsert = new NpgsqlBatchCommand(DirectorySql.Upsert);
                upsert.Parameters.Add(new NpgsqlParameter<string>("service", serviceId));
                upsert.Parameters.Add(new NpgsqlParameter<string>("account", summary.Account));
                upsert.Parameters.Add(new NpgsqlParameter<string>("platform", summary.Platform));
                upsert.Parameters.Add(new NpgsqlParameter("handle", NpgsqlDbType.Text) { Value = (object?)summary.Profile.Handle ?? DBNull.Value });
                upsert.Parameters.Add(new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = (object?)summary.Profile.DisplayName ?? DBNull.Value });
                upsert.Parameters.Add(new NpgsqlParameter("groups", NpgsqlDbType.Jsonb) { Value = DirectoryJson.Serialize(summary.Profile.Groups) });
                upsert.Parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Jsonb) { Value = DirectoryJson.Serialize(summary.Profile.Tags) });
                upsert.Parameters.Add(new NpgsqlParameter("summary", NpgsqlDbType.Jsonb) { Value = DirectoryJson.Serialize(summary) });
                upsert.Parameters.Add(new NpgsqlParameter<DateTime>("updated", NpgsqlDbType.TimestampTz) { TypedValue = updated });
                batch.BatchCommands.Add(upsert);
            }
            else
            {
                var delete = new NpgsqlBatchCommand(DirectorySql.Delete);
                delete.Parameters.Add(new NpgsqlParameter<string>("service", serviceId));
                delete.Parameters.Add(new NpgsqlParameter<string>("account", change.Account));
                batch.BatchCommands.Add(delete);
            }
        }

        // A batch of several statements runs in one implicit transaction.
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
