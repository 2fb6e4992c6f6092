using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Monitor.Storage;

namespace Monitor.Benchmarks.Storage;

/// <summary>
/// SQLite state writes per second, 1,000 grains x 64 concurrent writers, ~1 KB states, WAL with synchronous=FULL in both
/// cases: <see cref="SqliteGrainStorage"/> (group commit) against one connection committing each conditional upsert on its own.
/// </summary>
[Config(typeof(StorageBenchmarkConfig))]
public class SqliteStateWriteBenchmarks
{
    private const string StateName = "account";

    private readonly JsonGrainStateSerializer _serializer = new();
    private readonly SemaphoreSlim _rawWriter = new(1, 1);
    private string _folder = null!;
    private SqliteGrainStorage _storage = null!;
    private SqliteConnection _rawConnection = null!;
    private SqliteCommand _rawUpsert = null!;
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
        _folder = Directory.CreateTempSubdirectory("monitor-bench-").FullName;
        var path = Path.Combine(_folder, "bench.db");
        _storage = new SqliteGrainStorage("bench", new SqliteStorageOptions { DataSource = path, ServiceId = "batched" });
        _batched = new GrainWriteWorkload("batched");
        _raw = new GrainWriteWorkload("raw");
        _rawVersions = new long[GrainWriteWorkload.Grains];

        await _batched.RunAsync(i => _storage.WriteStateAsync(StateName, _batched.Ids[i], _batched.States[i]), rounds: 1);

        _rawConnection = new SqliteConnection($"Data Source={path}");
        await _rawConnection.OpenAsync();
        await using (var pragmas = _rawConnection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";
            await pragmas.ExecuteNonQueryAsync();
        }

        _rawUpsert = _rawConnection.CreateCommand();
        _rawUpsert.CommandText =
            "INSERT INTO grain_state (service_id, grain_type, grain_key, state_name, payload, version, modified_on) " +
            "VALUES ('raw', $type, $key, $name, $payload, $expected + 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) " +
            "ON CONFLICT (service_id, grain_type, grain_key, state_name) DO UPDATE SET payload = excluded.payload, " +
            "version = excluded.version, modified_on = excluded.modified_on WHERE grain_state.version = $expected RETURNING version";
        _rawUpsert.Parameters.Add("$type", SqliteType.Text);
        _rawUpsert.Parameters.Add("$key", SqliteType.Text);
        _rawUpsert.Parameters.Add("$name", SqliteType.Text);
        _rawUpsert.Parameters.Add("$payload", SqliteType.Blob);
        _rawUpsert.Parameters.Add("$expected", SqliteType.Integer);
        await _raw.RunAsync(WriteRawAsync, rounds: 1);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = GrainWriteWorkload.WritesPerInvoke, Description = "Sqlite, one transaction per write")]
    public Task RawTransactionPerWrite() => _raw.RunAsync(WriteRawAsync);

    [Benchmark(OperationsPerInvoke = GrainWriteWorkload.WritesPerInvoke, Description = "SqliteGrainStorage, group commit")]
    public Task GroupCommit() => _batched.RunAsync(i => _storage.WriteStateAsync(StateName, _batched.Ids[i], _batched.States[i]));

    private async Task CleanupAsync()
    {
        Console.WriteLine($"// group commits: {_storage.BatchCount}, mean batch {(double)_storage.OperationCount / Math.Max(1, _storage.BatchCount):F1} writes");
        await _storage.DisposeAsync();
        _rawUpsert.Dispose();
        await _rawConnection.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task WriteRawAsync(int grain)
    {
        var payload = _serializer.Serialize(_raw.States[grain].State);
        await _rawWriter.WaitAsync();
        try
        {
            _rawUpsert.Parameters["$type"].Value = _raw.Ids[grain].Type.ToString();
            _rawUpsert.Parameters["$key"].Value = _raw.Ids[grain].Key.ToString();
            _rawUpsert.Parameters["$name"].Value = StateName;
            _rawUpsert.Parameters["$payload"].Value = payload;
            _rawUpsert.Parameters["$expected"].Value = _rawVersions[grain];
            _rawVersions[grain] = _rawUpsert.ExecuteScalar() as long? ?? throw new InvalidOperationException($"ETag conflict on {_raw.Ids[grain]}.");
        }
        finally
        {
            _rawWriter.Release();
        }
    }
}
