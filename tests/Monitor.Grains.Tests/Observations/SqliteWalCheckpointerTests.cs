using Microsoft.Data.Sqlite;
using Monitor.Grains.Observations;
using Monitor.Grains.Tests.Support;
using Xunit;
using Monitor.Testing;

namespace Monitor.Grains.Tests.Observations;

public sealed class SqliteWalCheckpointerTests : IDisposable
{
    private const int RestartFrames = 64;

    private readonly TemporaryDirectory _directory = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_wal_past_the_limit_is_rewound_by_the_writer_between_transactions()
    {
        var path = _directory.File("wal.db");
        await using var writer = await OpenWriterAsync(path);
        await using var checkpointer = new SqliteWalCheckpointer($"Data Source={path}", RestartFrames);
        var large = await GrowWalThatCannotRewindByItselfAsync(path, writer, checkpointer);

        checkpointer.TryRestart(writer.Handle!, TimeSpan.FromSeconds(5));
        await WriteAsync(writer, transactions: 1);
        checkpointer.CheckpointOnce();

        // Two checkpoints ran: the one in between was parked, as a rewind was due.
        Assert.True(large >= RestartFrames, $"The test wrote only {large} WAL frames.");
        Assert.Equal((2, 1), (checkpointer.Checkpoints, checkpointer.Restarts));
        Assert.True(checkpointer.WalFrames < 10, $"After the rewind and one more transaction the WAL holds {checkpointer.WalFrames} frames (was {large}).");
        Assert.Equal(42 * 20, await CountAsync(path));
    }

    [Fact]
    public async Task Without_a_rewind_a_wal_that_never_drains_keeps_growing()
    {
        var path = _directory.File("growing.db");
        await using var writer = await OpenWriterAsync(path);
        await using var checkpointer = new SqliteWalCheckpointer($"Data Source={path}", restartFrames: int.MaxValue);
        var large = await GrowWalThatCannotRewindByItselfAsync(path, writer, checkpointer);

        checkpointer.TryRestart(writer.Handle!, TimeSpan.FromSeconds(5));
        await WriteAsync(writer, transactions: 1);
        checkpointer.CheckpointOnce();

        Assert.True(checkpointer.WalFrames > large, $"The WAL went from {large} to {checkpointer.WalFrames} frames without a rewind.");
        Assert.Equal((2, 0), (checkpointer.Checkpoints, checkpointer.Restarts));
    }

    [Fact]
    public async Task A_wal_under_the_limit_is_checkpointed_and_not_rewound()
    {
        var path = _directory.File("small.db");
        await using var writer = await OpenWriterAsync(path);
        await using var checkpointer = new SqliteWalCheckpointer($"Data Source={path}", RestartFrames);

        await WriteAsync(writer, transactions: 2);
        checkpointer.CheckpointOnce();
        checkpointer.TryRestart(writer.Handle!, TimeSpan.FromSeconds(5));

        Assert.InRange(checkpointer.WalFrames, 1, RestartFrames - 1);
        Assert.Equal((1, 0), (checkpointer.Checkpoints, checkpointer.Restarts));
    }

    // Fills the WAL and checkpoints it while a reader holds a snapshot across the next commit, as readers and continuous
    // writes do under ingest: that commit cannot rewind the WAL, and the ones after it find it not fully copied.
    private static async Task<int> GrowWalThatCannotRewindByItselfAsync(string path, SqliteConnection writer, SqliteWalCheckpointer checkpointer)
    {
        await WriteAsync(writer, transactions: 40);
        await using (var reader = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await reader.OpenAsync(Token);
            await using var snapshot = reader.BeginTransaction(deferred: true);
            Assert.Equal(40 * 20, await CountAsync(reader));
            checkpointer.CheckpointOnce();
            await WriteAsync(writer, transactions: 1);
        }

        return checkpointer.WalFrames;
    }

    // A writer as the observation log opens it: WAL, and no automatic checkpoint of its own.
    private static async Task<SqliteConnection> OpenWriterAsync(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        await connection.OpenAsync(Token);
        await using var setup = connection.CreateCommand();
        setup.CommandText =
            "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; " +
            "CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)";
        await setup.ExecuteNonQueryAsync(Token);
        return connection;
    }

    // Each transaction writes 20 rows of 1 KiB: several pages, so several WAL frames.
    private static async Task WriteAsync(SqliteConnection writer, int transactions)
    {
        for (var i = 0; i < transactions; i++)
        {
            await using var transaction = writer.BeginTransaction();
            await using var insert = writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) INSERT INTO t (payload) SELECT randomblob(1024) FROM n";
            await insert.ExecuteNonQueryAsync(Token);
            await transaction.CommitAsync(Token);
        }
    }

    private static async Task<long> CountAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        await connection.OpenAsync(Token);
        return await CountAsync(connection);
    }

    private static async Task<long> CountAsync(SqliteConnection connection)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM t";
        return (long)(await count.ExecuteScalarAsync(Token))!;
    }
}
