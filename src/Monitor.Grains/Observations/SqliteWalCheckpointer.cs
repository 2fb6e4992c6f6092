using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Monitor.Grains.Observations;

/// <summary>
/// Checkpoints a SQLite database's write-ahead log on its own connection and thread. The observation log's writer turns
/// SQLite's automatic checkpoint (which runs inside the commit that crosses 1,000 pages, copying pages into the database
/// file and waiting for two fsyncs) down to a safety net, so under ingest the copying overlaps the writer's next
/// transactions instead of stalling them. Rewinding the WAL is left to the writer (<see cref="TryRestart"/>): it holds
/// the write lock anyway, where this connection would have to poll for it with SQLite's growing sleeps.
/// </summary>
internal sealed class SqliteWalCheckpointer : IAsyncDisposable
{
    /// <summary>
    /// A PASSIVE checkpoint never blocks writers, but the WAL only rewinds when a writer finds it fully copied, which
    /// continuous writes may never allow (one 20 s ingest run passed 1 GiB); past this many frames (64 MiB of 4 KiB
    /// pages) the writer rewinds it between two transactions.
    /// </summary>
    public const int RestartFrames = 16_384;

    // How long a rewind waits for readers on an older snapshot before the writer goes on and tries after its next commit.
    private const int RestartBusyTimeoutMilliseconds = 20;

    // Checkpoints at most this often: about as many pages per checkpoint as SQLite's automatic one at 150k rows/s.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly string _connectionString;
    private readonly int _restartFrames;
    private readonly SemaphoreSlim _due = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private SqliteConnection? _connection;
    private int _notified;
    private volatile bool _restartDue;
    private long _checkpoints;
    private int _walFrames;
    private long _restarts;

    /// <param name="restartFrames">The WAL size that makes a rewind due (tests use a small one).</param>
    public SqliteWalCheckpointer(string connectionString, int restartFrames = RestartFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restartFrames, 1);
        _connectionString = connectionString;
        _restartFrames = restartFrames;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Background (PASSIVE) checkpoints that ran; rewinds are counted in <see cref="Restarts"/>.</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>The WAL's size in frames (pages) when the last checkpoint ran.</summary>
    public int WalFrames => Volatile.Read(ref _walFrames);

    /// <summary>Rewinds of a WAL of <see cref="RestartFrames"/> or more.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>
    /// On the writer's connection, between its transactions: rewinds the WAL when the last checkpoint found it past
    /// <see cref="RestartFrames"/>. The background checkpoints have copied nearly all of it, so this mostly waits for
    /// readers still on an older snapshot, and not for long (<see cref="RestartBusyTimeoutMilliseconds"/>).
    /// </summary>
    public void TryRestart(sqlite3 writer, TimeSpan writerBusyTimeout)
    {
        if (!_restartDue)
        {
            return;
        }

        raw.sqlite3_busy_timeout(writer, RestartBusyTimeoutMilliseconds);
        try
        {
            if (raw.sqlite3_wal_checkpoint_v2(writer, null, raw.SQLITE_CHECKPOINT_RESTART, out _, out _) == raw.SQLITE_OK)
            {
                _restartDue = false;
                Interlocked.Increment(ref _restarts);
            }
        }
        finally
        {
            raw.sqlite3_busy_timeout(writer, (int)writerBusyTimeout.TotalMilliseconds);
        }
    }

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
                CheckpointOnce();
                await Task.Delay(Interval, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>One PASSIVE checkpoint, as the background loop runs it after a commit.</summary>
    internal void CheckpointOnce()
    {
        try
        {
            // Parked while a rewind is due, so the writer's RESTART does not find this checkpoint running and wait for it.
            if (_restartDue)
            {
                return;
            }

            var db = Connection().Handle!;
            var rc = raw.sqlite3_wal_checkpoint_v2(db, null, raw.SQLITE_CHECKPOINT_PASSIVE, out var frames, out _);
            Interlocked.Increment(ref _checkpoints);
            Volatile.Write(ref _walFrames, frames);
            if (rc == raw.SQLITE_OK && frames >= _restartFrames)
            {
                _restartDue = true;
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

            // A connection learns that the file is in WAL mode when it first reads it; until then a checkpoint is a no-op.
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT count(*) FROM sqlite_master";
            read.ExecuteScalar();
            _connection = connection;
        }

        return _connection;
    }
}
