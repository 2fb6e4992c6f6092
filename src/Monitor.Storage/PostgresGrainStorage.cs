using Orleans.Runtime;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Storage;

/// <summary>
/// Grain storage in PostgreSQL. Concurrent writes are group-committed: each batch is one <see cref="NpgsqlBatch"/> of
/// conditional statements, sent in one round trip and committed as one implicit transaction; every statement reports
/// whether its ETag matched, so a conflict fails only its own caller.
/// </summary>
public sealed class PostgresGrainStorage : SqlGrainStorage
{
    private const string RowMatch = "service_id = $1 AND grain_type = $2 AND grain_key = $3 AND state_name = $4";

    // Each statement returns (applied, version): the new version when applied, else the stored one (no row: no stored row).
    // The trailing SELECT reads the snapshot from before the statement's own change, so it finds the row the check failed on.
    private const string InsertSql =
        "WITH ins AS (INSERT INTO grain_state (service_id, grain_type, grain_key, state_name, payload, version) " +
        "VALUES ($1, $2, $3, $4, $5, nextval('grain_state_version_seq')) ON CONFLICT DO NOTHING RETURNING version) " +
        "SELECT true, version FROM ins UNION ALL " +
        $"SELECT false, version FROM grain_state WHERE {RowMatch} AND NOT EXISTS (SELECT 1 FROM ins)";

    private const string UpdateSql =
        "WITH upd AS (UPDATE grain_state SET payload = $5, version = nextval('grain_state_version_seq'), modified_on = now() " +
        $"WHERE {RowMatch} AND version = $6 RETURNING version) " +
        "SELECT true, version FROM upd UNION ALL " +
        $"SELECT false, version FROM grain_state WHERE {RowMatch} AND NOT EXISTS (SELECT 1 FROM upd)";

    // $5 is null when the caller expects no row: nothing is deleted and any row found is a conflict.
    private const string DeleteSql =
        $"WITH del AS (DELETE FROM grain_state WHERE {RowMatch} AND version = $5 RETURNING version) " +
        "SELECT true, NULL::bigint FROM del UNION ALL " +
        $"SELECT false, version FROM grain_state WHERE {RowMatch} AND NOT EXISTS (SELECT 1 FROM del)";

    private const string SelectSql = $"SELECT version, payload FROM grain_state WHERE {RowMatch}";

    private readonly PostgresDatabase _database;

    /// <summary>Creates the provider; the schema is applied on first use.</summary>
    /// <param name="serializer">State serializer; null uses <see cref="PostgresStorageOptions.Serializer"/> or JSON.</param>
    /// <param name="migrator">Schema scripts to apply; null applies Monitor.Storage's PostgreSQL scripts.</param>
    public PostgresGrainStorage(string name, PostgresStorageOptions options, IGrainStateSerializer? serializer = null, SchemaMigrator? migrator = null)
        : base(name, "postgres", serializer ?? NotNull(options).Serializer ?? new JsonGrainStateSerializer(),
            options.MaxBatchSize, options.MaxBatchBytes, options.MaxConcurrentBatches, forbidNul: true)
    {
        _database = new PostgresDatabase(options, migrator);
    }

    private protected override async Task<(long Version, byte[] Payload)?> ReadRecordAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(cancellationToken);
        await using var command = _database.DataSource.CreateCommand(SelectSql);
        AddRowParameters(command.Parameters, _database.ServiceId, grainId.Type.ToString()!, grainId.Key.ToString()!, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (reader.GetInt64(0), await reader.GetFieldValueAsync<byte[]>(1, cancellationToken));
    }

    private protected override async Task CommitBatchAsync(List<StorageOperation> batch)
    {
        await _database.EnsureSchemaAsync(CancellationToken.None);
        await ApplyOrEachAloneAsync<PostgresException, NpgsqlException>(batch, ApplyAsync);
    }

    private protected override ValueTask DisposeCoreAsync() => _database.DisposeAsync();

    private async Task ApplyAsync(List<StorageOperation> batch)
    {
        // Rows are locked in key order, so two batches (or two silos) touching the same rows cannot deadlock.
        // OrderBy is stable: two operations on one row keep their queue order.
        var ordered = batch.Count == 1 ? batch : [.. batch.OrderBy(op => op.GrainType, StringComparer.Ordinal)
            .ThenBy(op => op.GrainKey, StringComparer.Ordinal).ThenBy(op => op.StateName, StringComparer.Ordinal)];

        await using var connection = await _database.DataSource.OpenConnectionAsync();
        await using var npgsqlBatch = new NpgsqlBatch(connection);
        foreach (var operation in ordered)
        {
            npgsqlBatch.BatchCommands.Add(CreateCommand(operation));
        }

        // Without an explicit transaction the batch ends in a single Sync: one implicit transaction, one round trip.
        // Its commit is only known once the reader has been read to the end and disposed.
        await using (var reader = await npgsqlBatch.ExecuteReaderAsync())
        {
            for (var i = 0; i < ordered.Count; i++)
            {
                if (i > 0)
                {
                    await reader.NextResultAsync();
                }

                var operation = ordered[i];
                if (await reader.ReadAsync())
                {
                    operation.RecordOutcome(reader.GetBoolean(0), await reader.IsDBNullAsync(1) ? null : reader.GetInt64(1));
                }
                else
                {
                    // No row at all: a clear that expected none succeeded; anything else found no row to match.
                    operation.RecordOutcome(operation.Kind == StorageOperationKind.Clear && operation.ExpectedVersion is null, null);
                }
            }
        }
    }

    private NpgsqlBatchCommand CreateCommand(StorageOperation operation)
    {
        NpgsqlBatchCommand command;
        switch (operation.Kind, operation.ExpectedVersion)
        {
            case (StorageOperationKind.Write, null):
                command = new NpgsqlBatchCommand(InsertSql);
                AddRowParameters(command.Parameters, _database.ServiceId, operation.GrainType, operation.GrainKey, operation.StateName);
                command.Parameters.Add(new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = operation.Payload });
                break;
            case (StorageOperationKind.Write, { } expected):
                command = new NpgsqlBatchCommand(UpdateSql);
                AddRowParameters(command.Parameters, _database.ServiceId, operation.GrainType, operation.GrainKey, operation.StateName);
                command.Parameters.Add(new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = operation.Payload });
                command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = expected });
                break;
            default:
                command = new NpgsqlBatchCommand(DeleteSql);
                AddRowParameters(command.Parameters, _database.ServiceId, operation.GrainType, operation.GrainKey, operation.StateName);
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)operation.ExpectedVersion ?? DBNull.Value });
                break;
        }

        return command;
    }

    private static void AddRowParameters(NpgsqlParameterCollection parameters, string serviceId, string grainType, string grainKey, string stateName)
    {
        parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = serviceId });
        parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = grainType });
        parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = grainKey });
        parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = stateName });
    }

    private static PostgresStorageOptions NotNull(PostgresStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }
}
