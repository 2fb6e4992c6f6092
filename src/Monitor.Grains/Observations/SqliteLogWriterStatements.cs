using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Monitor.Grains.Observations;

/// <summary>
/// The SQLite observation log writer's prepared statements: the row insert, the seq counter's read and write, and the ids
/// of accounts and sources (<c>observation_account</c>, <c>observation_source</c>), looked up or added once per
/// connection and kept (ids are never deleted). The ids added inside a transaction that rolls back are gone with it: the
/// log disposes these statements after any failed commit. A reset keeps a statement's bindings, so the insert rebinds a
/// parameter only when its value changes: the account and source once per run of rows that share them (one grain's
/// write), a missing count once per run of missing ones.
/// </summary>
internal sealed class SqliteLogWriterStatements : IDisposable
{
    private const string InsertSql =
        "INSERT INTO observation_point (account_id, ts, followers, following, posts, source_id, seq) " +
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING";

    private const string ReadLastSeqSql = "SELECT last FROM observation_seq WHERE id = 1";

    private const string WriteLastSeqSql = "UPDATE observation_seq SET last = ?1 WHERE id = 1";

    private const string AddAccountSql =
        "INSERT INTO observation_account (service_id, account) VALUES (?1, ?2) ON CONFLICT (service_id, account) DO UPDATE SET id = id RETURNING id";

    private const string AddSourceSql =
        "INSERT INTO observation_source (source) VALUES (?1) ON CONFLICT (source) DO UPDATE SET id = id RETURNING id";

    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _readLastSeq;
    private readonly sqlite3_stmt _writeLastSeq;
    private readonly sqlite3_stmt _addAccount;
    private readonly sqlite3_stmt _addSource;
    private readonly Dictionary<string, long> _accountIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sourceIds = new(StringComparer.Ordinal);
    private string? _boundAccount;
    private string? _boundSource;
    private bool _sourceBound;
    private bool _followingNull;
    private bool _postsNull;

    private SqliteLogWriterStatements(sqlite3_stmt insert, sqlite3_stmt readLastSeq, sqlite3_stmt writeLastSeq, sqlite3_stmt addAccount, sqlite3_stmt addSource)
    {
        (_insert, _readLastSeq, _writeLastSeq, _addAccount, _addSource) = (insert, readLastSeq, writeLastSeq, addAccount, addSource);
    }

    /// <summary>Prepares the statements on the writer's connection, with the service id bound for good.</summary>
    public static SqliteLogWriterStatements Prepare(sqlite3 db, string serviceId)
    {
        Check(db, raw.sqlite3_prepare_v2(db, InsertSql, out var insert));
        Check(db, raw.sqlite3_prepare_v2(db, ReadLastSeqSql, out var readLast));
        Check(db, raw.sqlite3_prepare_v2(db, WriteLastSeqSql, out var writeLast));
        Check(db, raw.sqlite3_prepare_v2(db, AddAccountSql, out var addAccount));
        Check(db, raw.sqlite3_bind_text(addAccount, 1, serviceId));
        Check(db, raw.sqlite3_prepare_v2(db, AddSourceSql, out var addSource));
        return new SqliteLogWriterStatements(insert, readLast, writeLast, addAccount, addSource);
    }

    /// <summary>Inserts one row unless its key is there; 1 when inserted, 0 when not. Runs inside the writer's transaction.</summary>
    public int Insert(sqlite3 db, in ObservationRow row, long seq)
    {
        if (!ReferenceEquals(row.Account, _boundAccount))
        {
            Check(db, raw.sqlite3_bind_int64(_insert, 1, IdOf(db, _accountIds, _addAccount, 2, row.Account)));
            _boundAccount = row.Account;
        }

        Check(db, raw.sqlite3_bind_int64(_insert, 2, ObservationTime.ToUnixMicroseconds(row.Timestamp)));
        Check(db, raw.sqlite3_bind_int64(_insert, 3, row.Followers));
        BindCount(db, 4, row.Following, ref _followingNull);
        BindCount(db, 5, row.Posts, ref _postsNull);
        if (!_sourceBound || !ReferenceEquals(row.Source, _boundSource))
        {
            Check(db, row.Source is { } source
                ? raw.sqlite3_bind_int64(_insert, 6, IdOf(db, _sourceIds, _addSource, 1, source))
                : raw.sqlite3_bind_null(_insert, 6));
            (_boundSource, _sourceBound) = (row.Source, true);
        }

        Check(db, raw.sqlite3_bind_int64(_insert, 7, seq));
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
        _addAccount.Dispose();
        _addSource.Dispose();
    }

    // The id of an account or source: from the cache, else added (or found, if another writer of the file added it).
    private static long IdOf(sqlite3 db, Dictionary<string, long> cache, sqlite3_stmt add, int nameIndex, string name)
    {
        if (cache.TryGetValue(name, out var id))
        {
            return id;
        }

        Check(db, raw.sqlite3_bind_text(add, nameIndex, name));
        var step = raw.sqlite3_step(add);
        id = step == raw.SQLITE_ROW ? raw.sqlite3_column_int64(add, 0) : 0;
        raw.sqlite3_reset(add);
        if (step != raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(step == raw.SQLITE_DONE ? raw.SQLITE_ERROR : step, db);
        }

        cache[name] = id;
        return id;
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
