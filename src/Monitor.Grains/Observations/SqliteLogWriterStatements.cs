using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Monitor.Grains.Observations;

/// <summary>
/// The SQLite observation log writer's prepared statements: the row insert and the seq counter's read and write. A reset
/// keeps a statement's bindings, so the insert rebinds a parameter only when its value changes: the service id never, the
/// account and source once per run of rows that share them (one grain's write), a missing count once per run of missing ones.
/// </summary>
internal sealed class SqliteLogWriterStatements : IDisposable
{
    private const string InsertSql =
        "INSERT INTO observation (service_id, account, ts, followers, following, posts, source, seq) " +
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING";

    private const string ReadLastSeqSql = "SELECT last FROM observation_seq WHERE id = 1";

    private const string WriteLastSeqSql = "UPDATE observation_seq SET last = ?1 WHERE id = 1";

    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _readLastSeq;
    private readonly sqlite3_stmt _writeLastSeq;
    private string? _boundAccount;
    private string? _boundSource;
    private bool _sourceBound;
    private bool _followingNull;
    private bool _postsNull;

    private SqliteLogWriterStatements(sqlite3_stmt insert, sqlite3_stmt readLastSeq, sqlite3_stmt writeLastSeq)
    {
        (_insert, _readLastSeq, _writeLastSeq) = (insert, readLastSeq, writeLastSeq);
    }

    /// <summary>Prepares the statements on the writer's connection, with the insert's service id bound for good.</summary>
    public static SqliteLogWriterStatements Prepare(sqlite3 db, string serviceId)
    {
        Check(db, raw.sqlite3_prepare_v2(db, InsertSql, out var insert));
        Check(db, raw.sqlite3_bind_text(insert, 1, serviceId));
        Check(db, raw.sqlite3_prepare_v2(db, ReadLastSeqSql, out var readLast));
        Check(db, raw.sqlite3_prepare_v2(db, WriteLastSeqSql, out var writeLast));
        return new SqliteLogWriterStatements(insert, readLast, writeLast);
    }

    /// <summary>Inserts one row (service id bound at preparation) unless its key is there; 1 when inserted, 0 when not.</summary>
    public int Insert(sqlite3 db, in ObservationRow row, long seq)
    {
        if (!ReferenceEquals(row.Account, _boundAccount))
        {
            Check(db, raw.sqlite3_bind_text(_insert, 2, row.Account));
            _boundAccount = row.Account;
        }

        Check(db, raw.sqlite3_bind_int64(_insert, 3, ObservationTime.ToUnixMicroseconds(row.Timestamp)));
        Check(db, raw.sqlite3_bind_int64(_insert, 4, row.Followers));
        BindCount(db, 5, row.Following, ref _followingNull);
        BindCount(db, 6, row.Posts, ref _postsNull);
        if (!_sourceBound || !ReferenceEquals(row.Source, _boundSource))
        {
            Check(db, row.Source is { } source ? raw.sqlite3_bind_text(_insert, 7, source) : raw.sqlite3_bind_null(_insert, 7));
            (_boundSource, _sourceBound) = (row.Source, true);
        }

        Check(db, raw.sqlite3_bind_int64(_insert, 8, seq));
        var step = raw.sqlite3_step(_insert);
        raw.sqlite3_reset(_insert);
        if (step != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(step, db);
        }

        return raw.sqlite3_changes(db);
    }

    /// <summary>The last seq handed out (read inside the writer's transaction).</summary>
    public long ReadLastSeq(sqlite3 db)
    {
        var step = raw.sqlite3_step(_readLastSeq);
        var last = step == raw.SQLITE_ROW ? raw.sqlite3_column_int64(_readLastSeq, 0) : 0;
        raw.sqlite3_reset(_readLastSeq);
        if (step == raw.SQLITE_DONE)
        {
            // The schema script inserts the row; without it seqs would restart below checkpoints already taken.
            throw new InvalidOperationException("The observation log's seq counter row is missing.");
        }

        if (step != raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(step, db);
        }

        return last;
    }

    /// <summary>Records <paramref name="last"/> as the last seq handed out.</summary>
    public void WriteLastSeq(sqlite3 db, long last)
    {
        var rc = raw.sqlite3_bind_int64(_writeLastSeq, 1, last);
        if (rc == raw.SQLITE_OK)
        {
            rc = raw.sqlite3_step(_writeLastSeq);
            raw.sqlite3_reset(_writeLastSeq);
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    public void Dispose()
    {
        _insert.Dispose();
        _readLastSeq.Dispose();
        _writeLastSeq.Dispose();
    }

    private void BindCount(sqlite3 db, int index, long? count, ref bool boundNull)
    {
        if (count is { } value)
        {
            Check(db, raw.sqlite3_bind_int64(_insert, index, value));
            boundNull = false;
        }
        else if (!boundNull)
        {
            Check(db, raw.sqlite3_bind_null(_insert, index));
            boundNull = true;
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
