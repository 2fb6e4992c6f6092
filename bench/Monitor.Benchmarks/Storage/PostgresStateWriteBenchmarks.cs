using BenchmarkDotNet.Attributes;
using Monitor.Storage;
using Monitor.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Monitor.Benchmarks.Storage;

/// <summary>
/// PostgreSQL state writes per second, 1,000 grains x 64 concurrent writers, ~1 KB states: <see cref="PostgresGrainStorage"/>
/// (group commit) against a plain Npgsql loop sending one conditional upsert per round trip (its own transaction).
/// Uses the test kit's throw-away server (fsync off) or the server named by MONITOR_TEST_POSTGRES.
/// </summary>
[Config(typeof(StorageBenchmarkConfig))]
public class PostgresStateWriteBenchmarks
{
    private const string StateName = "account";

    private const string RawUpsertSql =
        "INSERT INTO grain_state (service_id, grain_type, grain_key, state_name, payload, version) " +
        "VALUES ($1, $2, $3, $4, $5, nextval('grain_state_version_seq')) " +
        "ON CONFLICT (service_id, grain_type, grain_key, state_name) DO UPDATE SET payload = EXCLUDED.payload, " +
        "version = EXCLUDED.version, modified_on = now() WHERE grain_state.version = $6 RETURNING version";

    private readonly JsonGrainStateSerializer _serializer = new();
    private PostgresServer _server = null!;
    private string _connectionString = null!;
    private NpgsqlDataSource _dataSource = null!;
    private PostgresGrainStorage _storage = null!;
    private GrainWriteWorkload _batched = null!;
    private GrainWriteWorkload _raw = null!;
    private long[] _rawVersions = null!;

    // BenchmarkDotNet's in-process toolchain does not await asynchronous setup and cleanup methods.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _server = await PostgresServer.GetSharedAsync();
        _connectionString = await _server.CreateDatabaseAsync("bench");
        // The kit's connection strings turn pooling off; both contenders get the same pool.
        _dataSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = true, MaxPoolSize = 100, MaxAutoPrepare = 32 }.ConnectionString).Build();
        _storage = new PostgresGrainStorage("bench", new PostgresStorageOptions { DataSource = _dataSource, ServiceId = "batched" });
        _batched = new GrainWriteWorkload("batched");
        _raw = new GrainWriteWorkload("raw");
        _rawVersions = new long[GrainWriteWorkload.Grains];

        // Every grain starts with a stored row, so measured writes are ETag-checked updates.
        await _batched.RunAsync(i => _storage.WriteStateAsync(StateName, _batched.Ids[i], _batched.States[i]), rounds: 1);
        await _raw.RunAsync(WriteRawAsync, rounds: 1);
        Console.WriteLine($"// state payload: {_serializer.Serialize(_batched.States[0].State).Length} bytes");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = GrainWriteWorkload.WritesPerInvoke, Description = "Npgsql, one upsert per round trip")]
    public Task RawUpsertPerWrite() => _raw.RunAsync(WriteRawAsync);

    [Benchmark(OperationsPerInvoke = GrainWriteWorkload.WritesPerInvoke, Description = "PostgresGrainStorage, group commit")]
    public Task GroupCommit() => _batched.RunAsync(i => _storage.WriteStateAsync(StateName, _batched.Ids[i], _batched.States[i]));

    private async Task CleanupAsync()
    {
        Console.WriteLine($"// group commits: {_storage.BatchCount}, mean batch {(double)_storage.OperationCount / Math.Max(1, _storage.BatchCount):F1} writes");
        await _storage.DisposeAsync();
        await _dataSource.DisposeAsync();
        await _server.DropDatabaseAsync(_connectionString);
    }

    private async Task WriteRawAsync(int grain)
    {
        var id = _raw.Ids[grain];
        await using var command = _dataSource.CreateCommand(RawUpsertSql);
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = "raw" });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = id.Type.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = id.Key.ToString() });
        command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = StateName });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = _serializer.Serialize(_raw.States[grain].State) });
        command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = _rawVersions[grain] });
        _rawVersions[grain] = (long?)await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"ETag conflict on {id}.");
    }
}
