using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Monitor.Grains.Observations;

/// <summary>
/// The log's row insert for a fixed number of rows per execution (<c>VALUES (...), (...), ...</c>), bound by position. One
/// execution per <see cref="Rows"/> rows spreads SQLite's per-statement work (starting the program, opening and closing the
/// cursor, resetting) over them. A reset keeps the bindings, so each row slot rebinds its account, source and missing
/// counts only when they change: a run of one account's rows binds four numbers a row.
/// </summary>
internal sealed class SqliteInsertStatement : IDisposable
{
    private const int ColumnsPerRow = 7;

    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private readonly long[] _accountIds;
    private readonly long[] _sourceIds;
    private readonly bool[] _followingNull;
    private readonly bool[] _postsNull;

    private SqliteInsertStatement(sqlite3_stmt statement, int rows)
    {
        _statement = statement;
        _handle = statement.DangerousGetHandle();
        Rows = rows;
        _accountIds = new long[rows];
        _sourceIds = new long[rows];
        _followingNull = new bool[rows];
        _postsNull = new bool[rows];
        Array.Fill(_accountIds, -1);
        Array.Fill(_sourceIds, -1);
    }

    /// <summary>Rows per execution.</summary>
    public int Rows { get; }

    /// <summary>Prepares the insert of <paramref name="rows"/> rows on the writer's connection.</summary>
    public static SqliteInsertStatement Prepare(sqlite3 db, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var values = string.Join(", ", Enumerable.Repeat("(?, ?, ?, ?, ?, ?, ?)", rows));
        var sql = "INSERT INTO observation_point (account_id, ts, followers, following, posts, source_id, seq) " +
            $"VALUES {values} ON CONFLICT DO NOTHING";
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }

        return new SqliteInsertStatement(statement, rows);
    }

    /// <summary>Binds row slot <paramref name="slot"/>; <paramref name="sourceId"/> is -1 for a row without a source.</summary>
    public void Bind(sqlite3 db, int slot, in ObservationRow row, long accountId, long sourceId, long seq)
    {
        var first = slot * ColumnsPerRow + 1;
        if (_accountIds[slot] != accountId)
        {
            Check(db, SqliteNativeCalls.BindInt64(_handle, first, accountId));
            _accountIds[slot] = accountId;
        }

        Check(db, SqliteNativeCalls.BindInt64(_handle, first + 1, ObservationTime.ToUnixMicroseconds(row.Timestamp)));
        Check(db, SqliteNativeCalls.BindInt64(_handle, first + 2, row.Followers));
        BindCount(db, first + 3, row.Following, ref _followingNull[slot]);
        BindCount(db, first + 4, row.Posts, ref _postsNull[slot]);
        if (_sourceIds[slot] != sourceId)
        {
            Check(db, sourceId >= 0 ? SqliteNativeCalls.BindInt64(_handle, first + 5, sourceId) : SqliteNativeCalls.BindNull(_handle, first + 5));
            _sourceIds[slot] = sourceId;
        }

        Check(db, SqliteNativeCalls.BindInt64(_handle, first + 6, seq));
    }

    /// <summary>Runs the insert with what is bound (inside the writer's transaction); the number of rows inserted.</summary>
    public int Run(sqlite3 db)
    {
        var step = SqliteNativeCalls.Step(_handle);
        SqliteNativeCalls.Reset(_handle);
        if (step != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(step, db);
        }

        return SqliteNativeCalls.Changes(db.DangerousGetHandle());
    }

    public void Dispose() => _statement.Dispose();

    private void BindCount(sqlite3 db, int index, long? count, ref bool boundNull)
    {
        if (count is { } value)
        {
            Check(db, SqliteNativeCalls.BindInt64(_handle, index, value));
            boundNull = false;
        }
        else if (!boundNull)
        {
            Check(db, SqliteNativeCalls.BindNull(_handle, index));
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
