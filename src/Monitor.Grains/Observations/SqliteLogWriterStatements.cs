using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Monitor.Grains.Observations;

/// <summary>The SQLite observation log writer's prepared statements: the row insert and the seq counter's read and write.</summary>
internal sealed class SqliteLogWriterStatements(sqlite3_stmt insert, sqlite3_stmt readLastSeq, sqlite3_stmt writeLastSeq) : IDisposable
{
    public sqlite3_stmt Insert { get; } = insert;

    /// <summary>The last seq handed out (read inside the writer's transaction).</summary>
    public long ReadLastSeq(sqlite3 db)
    {
        var step = raw.sqlite3_step(readLastSeq);
        var last = step == raw.SQLITE_ROW ? raw.sqlite3_column_int64(readLastSeq, 0) : 0;
        raw.sqlite3_reset(readLastSeq);
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
        var rc = raw.sqlite3_bind_int64(writeLastSeq, 1, last);
        if (rc == raw.SQLITE_OK)
        {
            rc = raw.sqlite3_step(writeLastSeq);
            raw.sqlite3_reset(writeLastSeq);
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    public void Dispose()
    {
        Insert.Dispose();
        readLastSeq.Dispose();
        writeLastSeq.Dispose();
    }
}
