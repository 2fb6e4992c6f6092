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
    public async Task A_large_append_with_some_rows_already_stored_stores_each_other_row_once_with_seqs_in_row_order()
    {
        // Long enough for several multi-row inserts (SqliteLogWriterStatements.RowsPerStatement) and a remainder; accounts,
        // sources and missing counts change in runs and from row to row, and the rows already stored fall at different
        // places of those inserts.
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        string?[] sources = [null, "x-api", "csv-import", "x-api", null];
        var rows = Enumerable.Range(0, 150).Select(i => new ObservationRow(
            $"x:wide{i / 7 % 3}", start.AddMinutes(i), 5_000 + (3 * i), i % 3 == 0 ? null : i, i % 4 == 1 ? null : 2 * i, sources[i / 2 % sources.Length])).ToList();
        var storedFirst = rows.Where((_, i) => i % 11 == 4).ToList();
        var before = await _log.AppendAsync(storedFirst, Token);

        var highWater = await _log.AppendAsync(rows, Token);
        var next = await _log.AppendAsync([new ObservationRow("x:wide0", start.AddDays(1), 1, null, null, null)], Token);

        Assert.True(highWater > before, $"The large append reported high-water {highWater}, not above {before}.");
        Assert.True(next > highWater, $"The next append reported high-water {next}, not above {highWater}.");
        var stored = new List<ObservationRow>();
        foreach (var account in new[] { "x:wide0", "x:wide1", "x:wide2" })
        {
            stored.AddRange((await ReadAllAsync(account, 0)).Where(row => row.Timestamp < start.AddDays(1)));
        }

        Assert.Equal(rows.OrderBy(row => row.Timestamp), stored.Select(row => row with { Seq = 0 }).OrderBy(row => row.Timestamp));
        var seqOf = stored.ToDictionary(row => row.Timestamp, row => row.Seq);
        Assert.All(storedFirst, row => Assert.True(seqOf[row.Timestamp] <= before, $"Row {row.Timestamp:O} got seq {seqOf[row.Timestamp]}, not the first append's."));
        var added = rows.Except(storedFirst).Select(row => seqOf[row.Timestamp]).ToList();
        Assert.All(added, seq => Assert.InRange(seq, before + 1, highWater));
        Assert.Equal(added.Order(), added);
        Assert.Equal(added.Count, added.Distinct().Count());
    }

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
        Assert.Equal(4, await CountAsync(options.DataSource, "SELECT count(*) FROM observation_point"));
        Assert.Equal(Path.Combine(_directory.Path, "monitor.observations.db"), options.DataSource);
    }

    [Fact]
    public async Task A_log_file_of_the_text_keyed_layout_keeps_its_rows_seqs_and_counter_after_the_upgrade()
    {
        var path = _directory.File("old.observations.db");
        await using (var old = new SqliteConnection($"Data Source={path}"))
        {
            // The file as the release before the integer-keyed layout left it: its one script applied, rows of two
            // services (one a source, one none), and a counter past the rows (a deleted account's seqs are not reused).
            var firstScript = new SchemaMigrator(SchemaDialect.Sqlite)
                .AddScripts(typeof(SqliteObservationLog).Assembly, "Monitor.Sql.SqliteObservationLog.")
                .GetScripts()[0];
            await new SchemaMigrator(SchemaDialect.Sqlite).AddSource(new FixedMigrationSource(SchemaDialect.Sqlite, firstScript))
                .MigrateAsync(old, Token);
            await using var insert = old.CreateCommand();
            insert.CommandText =
                "INSERT INTO observation (seq, service_id, account, ts, followers, following, posts, source) VALUES " +
                "(3, 'a', 'x:old', 1000000, 10, 1, 2, 'csv-import'), (5, 'a', 'x:old', 2000000, 12, NULL, NULL, NULL), " +
                "(4, 'b', 'x:old', 1000000, 99, NULL, NULL, 'collector'), (6, 'a', 'x:other', 1000000, 7, 8, 9, 'collector'); " +
                "UPDATE observation_seq SET last = 20";
            await insert.ExecuteNonQueryAsync(Token);
        }

        await using var log = new SqliteObservationLog(new SqliteObservationLogOptions { DataSource = path, ServiceId = "a" });
        await using var otherService = new SqliteObservationLog(new SqliteObservationLogOptions { DataSource = path, ServiceId = "b" });
        var ours = await ReadAllAsync(log, "x:old", after: 0);
        var theirs = await ReadAllAsync(otherService, "x:old", after: 0);
        var other = await ReadAllAsync(log, "x:other", after: 0);
        var next = await log.AppendAsync(
            [new ObservationRow("x:old", DateTimeOffset.UnixEpoch.AddSeconds(2), 12, null, null, null), new ObservationRow("x:old", DateTimeOffset.UnixEpoch.AddSeconds(3), 13, null, null, "csv-import")],
            Token);

        Assert.Equal(
            [
                new ObservationRow("x:old", DateTimeOffset.UnixEpoch.AddSeconds(1), 10, 1, 2, "csv-import", 3),
                new ObservationRow("x:old", DateTimeOffset.UnixEpoch.AddSeconds(2), 12, null, null, null, 5),
            ],
            ours);
        Assert.Equal([new ObservationRow("x:old", DateTimeOffset.UnixEpoch.AddSeconds(1), 99, null, null, "collector", 4)], theirs);
        Assert.Equal([new ObservationRow("x:other", DateTimeOffset.UnixEpoch.AddSeconds(1), 7, 8, 9, "collector", 6)], other);
        // The already stored second is skipped; the new one gets the seq after the old counter's.
        Assert.Equal(21, next);
        Assert.Equal(
            new ObservationRow("x:old", DateTimeOffset.UnixEpoch.AddSeconds(3), 13, null, null, "csv-import", 21),
            Assert.Single(await ReadAllAsync(log, "x:old", after: 5)));
        Assert.Equal(0, await CountAsync(path, "SELECT count(*) FROM sqlite_master WHERE name = 'observation'"));
    }

    [Fact]
    public async Task A_deleted_account_that_writes_again_is_read_back_under_the_same_name()
    {
        await _log.AppendAsync(ObservationRows.For("x:gone").Take(3), Token);
        Assert.Equal(3, await _log.DeleteAccountAsync("x:gone", Token));

        // The writer still holds the account's id from before the delete.
        await _log.AppendAsync(ObservationRows.For("x:gone").Take(2, skip: 5), Token);

        Assert.Equal(ObservationRows.For("x:gone").Take(2, skip: 5), (await ReadAllAsync(_log, "x:gone", after: 0)).Select(row => row with { Seq = 0 }).ToList());
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
