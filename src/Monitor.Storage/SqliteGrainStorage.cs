using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Monitor.Storage;

/// <summary>
/// Grain storage in a SQLite file, the embedded default. One writer connection commits queued writes in group commits
/// (WAL, <c>synchronous=FULL</c>: acknowledged writes survive a power loss); reads use their own pooled connections.
/// </summary>
public sealed class SqliteGrainStorage : SqlGrainStorage
{
    private readonly SqliteDatabase _database;
    private SqliteConnection? _writer;
    private WriterStatements? _statements;

    /// <summary>Creates the provider; the file and schema are created on first use.</summary>
    /// <param name="serializer">State serializer; null uses <see cref="SqliteStorageOptions.Serializer"/> or JSON.</param>
    /// <param name="migrator">Schema scripts to apply; null applies Monitor.Storage's SQLite scripts.</param>
    public SqliteGrainStorage(string name, SqliteStorageOptions options, IGrainStateSerializer? serializer = null, SchemaMigrator? migrator = null)
        : base(name, "sqlite", serializer ?? NotNull(options).Serializer ?? new JsonGrainStateSerializer(),
            options.MaxBatchSize, options.MaxBatchBytes, maxConcurrentBatches: 1, forbidNul: false)
    {
        _database = new SqliteDatabase(options, migrator);
    }

    /// <summary>Full path of the database file.</summary>
    public string FilePath => _database.FilePath;

    private protected override async Task<(long Version, byte[] Payload)?> ReadRecordAsync(string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await _database.EnsureSchemaAsync(cancellationToken);
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT version, payload FROM grain_state WHERE service_id = $service AND grain_type = $type AND grain_key = $key AND state_name = $name";
        _database.AddGrainRow(command, grainId, stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
    }

    private protected override async Task CommitBatchAsync(List<StorageOperation> batch)
    {
        var statements = await EnsureWriterAsync();
        await ApplyOrEachAloneAsync<SqliteException, SqliteException>(batch, operations =>
        {
            ApplyInTransaction(statements, operations);
            return Task.CompletedTask;
        });
    }

    private protected override async ValueTask DisposeCoreAsync()
    {
        _statements?.Dispose();
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _database.ReleasePooledConnections();
    }

    private static SqliteStorageOptions NotNull(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }

    // Microsoft.Data.Sqlite runs synchronously underneath, so the batch is applied without async overhead.
    private void ApplyInTransaction(WriterStatements statements, List<StorageOperation> batch)
    {
        using var transaction = _writer!.BeginTransaction(deferred: false);
        statements.Enlist(transaction);
        var firstVersion = statements.ReserveVersions(batch.Count);
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        for (var i = 0; i < batch.Count; i++)
        {
            statements.Apply(batch[i], firstVersion + i, now);
        }

        transaction.Commit();
    }

    private async Task<WriterStatements> EnsureWriterAsync()
    {
        // Only the single commit loop gets here, so no lock is needed.
        if (_statements is not null)
        {
            return _statements;
        }

        await _database.EnsureSchemaAsync(CancellationToken.None);
        _writer = await _database.OpenAsync(CancellationToken.None);
        _statements = new WriterStatements(_writer, _database.ServiceId);
        return _statements;
    }

    /// <summary>The writer's statements, prepared once and reused by every batch.</summary>
    private sealed class WriterStatements : IDisposable
    {
        private const string RowMatch = "service_id = $service AND grain_type = $type AND grain_key = $key AND state_name = $name";

        private readonly string _serviceId;
        private readonly SqliteCommand _reserve;
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _update;
        private readonly SqliteCommand _delete;
        private readonly SqliteCommand _select;

        public WriterStatements(SqliteConnection connection, string serviceId)
        {
            _serviceId = serviceId;
            _reserve = Create(connection, "UPDATE version_counter SET last_value = last_value + $count WHERE name = 'grain_state' RETURNING last_value");
            _reserve.Parameters.Add("$count", SqliteType.Integer);
            _insert = CreateRowCommand(connection,
                "INSERT INTO grain_state (service_id, grain_type, grain_key, state_name, payload, version, modified_on) " +
                "VALUES ($service, $type, $key, $name, $payload, $version, $now) ON CONFLICT DO NOTHING",
                withPayload: true, withExpected: false);
            _update = CreateRowCommand(connection,
                $"UPDATE grain_state SET payload = $payload, version = $version, modified_on = $now WHERE {RowMatch} AND version = $expected",
                withPayload: true, withExpected: true);
            _delete = CreateRowCommand(connection, $"DELETE FROM grain_state WHERE {RowMatch} AND version = $expected",
                withPayload: false, withExpected: true);
            _select = CreateRowCommand(connection, $"SELECT version FROM grain_state WHERE {RowMatch}", withPayload: false, withExpected: false);
        }

        public void Enlist(SqliteTransaction transaction)
        {
            _reserve.Transaction = transaction;
            _insert.Transaction = transaction;
            _update.Transaction = transaction;
            _delete.Transaction = transaction;
            _select.Transaction = transaction;
        }

        /// <summary>Advances the counter by <paramref name="count"/> and returns the first of the reserved versions.</summary>
        public long ReserveVersions(int count)
        {
            _reserve.Parameters["$count"].Value = count;
            var last = _reserve.ExecuteScalar() as long?
                ?? throw new InvalidOperationException("The version_counter row 'grain_state' is missing: the schema was not applied.");
            return last - count + 1;
        }

        public void Apply(StorageOperation operation, long newVersion, string now)
        {
            switch (operation.Kind, operation.ExpectedVersion)
            {
                case (StorageOperationKind.Write, null):
                    Record(operation, Execute(_insert, operation, newVersion, now), newVersion);
                    break;
                case (StorageOperationKind.Write, _):
                    Record(operation, Execute(_update, operation, newVersion, now), newVersion);
                    break;
                case (StorageOperationKind.Clear, null):
                    // The caller believes there is no row: succeed only if that is so.
                    var stored = SelectVersion(operation);
                    operation.RecordOutcome(stored is null, stored);
                    break;
                default:
                    Record(operation, Execute(_delete, operation, newVersion, now), null);
                    break;
            }
        }

        public void Dispose()
        {
            _reserve.Dispose();
            _insert.Dispose();
            _update.Dispose();
            _delete.Dispose();
            _select.Dispose();
        }

        private void Record(StorageOperation operation, bool applied, long? newVersion) =>
            operation.RecordOutcome(applied, applied ? newVersion : SelectVersion(operation));

        private bool Execute(SqliteCommand command, StorageOperation operation, long newVersion, string now)
        {
            Bind(command, operation);
            if (command.Parameters.Contains("$payload"))
            {
                command.Parameters["$payload"].Value = operation.Payload;
                command.Parameters["$version"].Value = newVersion;
                command.Parameters["$now"].Value = now;
            }

            if (command.Parameters.Contains("$expected"))
            {
                command.Parameters["$expected"].Value = operation.ExpectedVersion;
            }

            return command.ExecuteNonQuery() == 1;
        }

        private long? SelectVersion(StorageOperation operation)
        {
            Bind(_select, operation);
            return _select.ExecuteScalar() as long?;
        }

        private void Bind(SqliteCommand command, StorageOperation operation)
        {
            command.Parameters["$service"].Value = _serviceId;
            command.Parameters["$type"].Value = operation.GrainType;
            command.Parameters["$key"].Value = operation.GrainKey;
            command.Parameters["$name"].Value = operation.StateName;
        }

        private static SqliteCommand CreateRowCommand(SqliteConnection connection, string sql, bool withPayload, bool withExpected)
        {
            var command = Create(connection, sql);
            command.Parameters.Add("$service", SqliteType.Text);
            command.Parameters.Add("$type", SqliteType.Text);
            command.Parameters.Add("$key", SqliteType.Text);
            command.Parameters.Add("$name", SqliteType.Text);
            if (withPayload)
            {
                command.Parameters.Add("$payload", SqliteType.Blob);
                command.Parameters.Add("$version", SqliteType.Integer);
                command.Parameters.Add("$now", SqliteType.Text);
            }

            if (withExpected)
            {
                command.Parameters.Add("$expected", SqliteType.Integer);
            }

            return command;
        }

        private static SqliteCommand Create(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }
    }
}
