using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Monitor.Grains.Observations;

/// <summary>
/// Checkpoints a SQLite database's write-ahead log on its own connection and thread. The observation log's writer turns
/// SQLite's automatic checkpoint (which runs inside the commit that crosses 1,000 pages, copying pages into the database
/// file and waiting for two fsyncs) down to a safety net, so under ingest the copying overlaps the writer's next
/// transactions instead of stalling them.
/// </summary>
internal sealed class SqliteWalCheckpointer : IAsyncDisposable
{
    /// <summary>
    /// A PASSIVE checkpoint never blocks writers, but the WAL only rewinds when a writer finds it fully copied, which
    /// continuous writes may never allow; past this many frames (64 MiB of 4 KiB pages) a RESTART checkpoint takes the
    /// writer's lock between two transactions and rewinds it.
    /// </summary>
    public const int RestartFrames = 16_384;

    // Checkpoints at most this often: about as many pages per checkpoint as SQLite's automatic one at 150k rows/s.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _due = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private SqliteConnection? _connection;
    private int _notified;
    private long _checkpoints;
    private long _restarts;

    public SqliteWalCheckpointer(string connectionString)
    {
        _connectionString = connectionString;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Checkpoints that ran (PASSIVE or RESTART).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>RESTART checkpoints that rewound a WAL of <see cref="RestartFrames"/> or more.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Says that a transaction committed: a checkpoint runs within <see cref="Interval"/>.</summary>
    public void Notify()
    {
        if (Interlocked.Exchange(ref _notified, 1) == 0)
        {
            _due.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
        _due.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                await _due.WaitAsync(_stopping.Token).ConfigureAwait(false);
                Volatile.Write(ref _notified, 0);
                Checkpoint();
                await Task.Delay(Interval, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private void Checkpoint()
    {
        try
        {
            var db = Connection().Handle!;
            var rc = raw.sqlite3_wal_checkpoint_v2(db, null, raw.SQLITE_CHECKPOINT_PASSIVE, out var frames, out _);
            Interlocked.Increment(ref _checkpoints);
            if (rc == raw.SQLITE_OK && frames >= RestartFrames)
            {
                // BUSY (a reader still on an old snapshot past the busy timeout) leaves it for the next round.
                if (raw.sqlite3_wal_checkpoint_v2(db, null, raw.SQLITE_CHECKPOINT_RESTART, out _, out _) == raw.SQLITE_OK)
                {
                    Interlocked.Increment(ref _restarts);
                }
            }
        }
        catch (SqliteException)
        {
            // The database is unreachable for now: the writer's own automatic checkpoint still bounds the WAL, and the
            // next commit brings another try on a new connection.
            _connection?.Dispose();
            _connection = null;
        }
    }

    private SqliteConnection Connection()
    {
        if (_connection is null)
        {
            var connection = new SqliteConnection(_connectionString);
            connection.Open();

            // How long a RESTART waits for the writer's transaction or a reader's snapshot before leaving it for later.
            using var busy = connection.CreateCommand();
            busy.CommandText = "PRAGMA busy_timeout = 1000";
            busy.ExecuteNonQuery();
            _connection = connection;
        }

        return _connection;
    }
}
