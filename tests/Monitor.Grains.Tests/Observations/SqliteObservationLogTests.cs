using Microsoft.Data.Sqlite;
using Monitor.Grains.Observations;
using Monitor.Grains.Tests.Support;
using Monitor.Storage;
using Xunit;
using Monitor.Testing;

namespace Monitor.Grains.Tests.Observations;

public sealed class SqliteObservationLogTests : ObservationLogTests, IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private readonly SqliteObservationLog _log;
    private readonly SqliteObservationLog _other;

    public SqliteObservationLogTests()
    {
        var path = _directory.File("log.db");
        _log = new SqliteObservationLog(new SqliteObservationLogOptions { DataSource = path, ServiceId = "a" });
        _other = new SqliteObservationLog(new SqliteObservationLogOptions { DataSource = path, ServiceId = "b" });
    }

    protected override IObservationLog Log => _log;

    protected override IObservationLog? OtherServiceLog => _other;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        await _other.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public Task Another_service_id_does_not_see_the_rows() => Another_service_id_does_not_see_the_rows_case();

    [Fact]
    public async Task Rows_an_older_release_kept_in_the_main_database_move_into_the_log_once_with_their_seq()
    {
        var main = _directory.File("monitor.db");
        await using (var legacy = new SqliteConnection($"Data Source={main}"))
        {
            // The main database as an older release left it: the Monitor schema, observation table included, with rows
            // and the marker row a deleted account's top seq left.
            await SchemaMigrator.CreateDefault(SchemaDialect.Sqlite).MigrateAsync(legacy, Token);
            await using var insert = legacy.CreateCommand();
            insert.CommandText =
                "INSERT INTO observation (seq, service_id, account, ts, followers, following, posts, source) VALUES " +
                "(7, 'a', 'x:old', 1000000, 10, 1, 2, 'csv-import'), (9, 'a', 'x:old', 2000000, 12, NULL, NULL, NULL), " +
                "(11, 'b', 'x:old', 1000000, 99, NULL, NULL, NULL), (15, '~seq-floor', '~', 15, 0, NULL, NULL, NULL)";
            await insert.ExecuteNonQueryAsync(Token);
        }

        var options = new SqliteObservationLogOptions { DataSource = SqliteObservationLogOptions.FileBeside(main), ServiceId = "a" };
        IReadOnlyList<ObservationRow> moved;
        long next;
        await using (var log = new SqliteObservationLog(options, legacyDataSource: main))
        {
            moved = await ReadAllAsync(log, "x:old", after: 0);
            next = await log.AppendAsync([new ObservationRow("x:new", DateTimeOffset.UnixEpoch.AddHours(1), 5, null, null, null)], Token);
        }

        await using (var again = new SqliteObservationLog(options, legacyDataSource: main))
        {
            Assert.Equal(moved, await ReadAllAsync(again, "x:old", after: 0));
        }

        Assert.Equal(
            [
                new ObservationRow("x:old", DateTimeOffset.UnixEpoch.AddSeconds(1), 10, 1, 2, "csv-import", 7),
                new ObservationRow("x:old", DateTimeOffset.UnixEpoch.AddSeconds(2), 12, null, null, null, 9),
            ],
            moved);
        // Above the old table's top seq, which only its marker row still held.
        Assert.Equal(16, next);
        Assert.Equal(0, await CountAsync(main, "SELECT count(*) FROM observation"));
        Assert.Equal(4, await CountAsync(options.DataSource, "SELECT count(*) FROM observation"));
        Assert.Equal(Path.Combine(_directory.Path, "monitor.observations.db"), options.DataSource);
    }

    private static async Task<long> CountAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }
}
