using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Monitor.Grains.Observations;

/// <summary>
/// The SQLite observation log writer's prepared statements: the row inserts (<see cref="RowsPerStatement"/> rows at a time,
/// then one at a time for the rest of a commit), the seq counter's read and write, and the ids of accounts and sources
/// (<c>observation_account</c>, <c>observation_source</c>), looked up or added once per connection and kept (ids are never
/// deleted). The ids added inside a transaction that rolls back are gone with it: the log disposes these statements after
/// any failed commit.
/// </summary>
internal sealed class SqliteLogWriterStatements : IDisposable
{
    /// <summary>
    /// Rows per execution of the multi-row insert. One execution per row spent about a sixth of SQLite's time on the
    /// statement itself (starting, opening and closing its cursor, resetting); 32 rows share that (docs/benchmarks.md).
    /// </summary>
    public const int RowsPerStatement = 32;

    private const string ReadLastSeqSql = "SELECT last FROM observation_seq WHERE id = 1";

    private const string WriteLastSeqSql = "UPDATE observation_seq SET last = ?1 WHERE id = 1";

    private const string AddAccountSql =
        "INSERT INTO observation_account (service_id, account) VALUES (?1, ?2) ON CONFLICT (service_id, account) DO UPDATE SET id = id RETURNING id";

    private const string AddSourceSql =
        "INSERT INTO observation_source (source) VALUES (?1) ON CONFLICT (source) DO UPDATE SET id = id RETURNING id";

    private readonly SqliteInsertStatement _insertMany;
    private readonly SqliteInsertStatement _insertOne;
    private readonly sqlite3_stmt _readLastSeq;
    private readonly sqlite3_stmt _writeLastSeq;
    private readonly sqlite3_stmt _addAccount;
    private readonly sqlite3_stmt _addSource;
    private readonly Dictionary<string, long> _accountIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sourceIds = new(StringComparer.Ordinal);

    // The last account and source looked up: a commit holds runs of rows of one account and one source.
    private string? _lastAccount;
    private long _lastAccountId;
    private string? _lastSource;
    private long _lastSourceId = -1;

    private SqliteLogWriterStatements(
        SqliteInsertStatement insertMany, SqliteInsertStatement insertOne, sqlite3_stmt readLastSeq, sqlite3_stmt writeLastSeq, sqlite3_stmt addAccount, sqlite3_stmt addSource)
    {
        (_insertMany, _insertOne, _readLastSeq, _writeLastSeq, _addAccount, _addSource) = (insertMany, insertOne, readLastSeq, writeLastSeq, addAccount, addSource);
    }

    /// <summary>Prepares the statements on the writer's connection, with the service id bound for good.</summary>
    public static SqliteLogWriterStatements Prepare(sqlite3 db, string serviceId)
    {
        Check(db, raw.sqlite3_prepare_v2(db, ReadLastSeqSql, out var readLast));
        Check(db, raw.sqlite3_prepare_v2(db, WriteLastSeqSql, out var writeLast));
        Check(db, raw.sqlite3_prepare_v2(db, AddAccountSql, out var addAccount));
        Check(db, raw.sqlite3_bind_text(addAccount, 1, serviceId));
        Check(db, raw.sqlite3_prepare_v2(db, AddSourceSql, out var addSource));
        return new SqliteLogWriterStatements(
            SqliteInsertStatement.Prepare(db, RowsPerStatement), SqliteInsertStatement.Prepare(db, 1), readLast, writeLast, addAccount, addSource);
    }

    /// <summary>
    /// Inserts the rows of <paramref name="writes"/> whose keys are not there yet, in order, inside the writer's transaction,
    /// handing out seqs after <paramref name="last"/>; the rows inserted and the last seq handed out. A row the log already
    /// holds (ON CONFLICT DO NOTHING) leaves its seq to the next row when it is inserted alone; in a multi-row execution that
    /// inserted some of its rows, the seqs of the rows not inserted stay unused (seqs only need to grow).
    /// </summary>
    public (int Inserted, long Last) InsertAll(sqlite3 db, IReadOnlyList<IReadOnlyList<ObservationRow>> writes, long last)
    {
        var rows = 0;
        foreach (var write in writes)
        {
            rows += write.Count;
        }

        var inMany = rows - rows % RowsPerStatement;
        var index = 0;
        var inserted = 0;
        foreach (var write in writes)
        {
            for (var i = 0; i < write.Count; i++, index++)
            {
                var row = write[i];
                var accountId = AccountIdOf(db, row.Account);
                var sourceId = SourceIdOf(db, row.Source);
                if (index < inMany)
                {
                    var slot = index % RowsPerStatement;
                    _insertMany.Bind(db, slot, row, accountId, sourceId, last + 1 + slot);
                    if (slot == RowsPerStatement - 1 && _insertMany.Run(db) is var added and > 0)
                    {
                        inserted += added;
                        last += RowsPerStatement;
                    }
                }
                else
                {
                    _insertOne.Bind(db, 0, row, accountId, sourceId, last + 1);
                    if (_insertOne.Run(db) == 1)
                    {
                        inserted++;
                        last++;
                    }
                }
            }
        }

        return (inserted, last);
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
        _insertMany.Dispose();
        _insertOne.Dispose();
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

    private long AccountIdOf(sqlite3 db, string account)
    {
        if (!ReferenceEquals(account, _lastAccount))
        {
            _lastAccountId = IdOf(db, _accountIds, _addAccount, 2, account);
            _lastAccount = account;
        }

        return _lastAccountId;
    }

    // -1 for a row without a source.
    private long SourceIdOf(sqlite3 db, string? source)
    {
        if (!ReferenceEquals(source, _lastSource))
        {
            _lastSourceId = source is null ? -1 : IdOf(db, _sourceIds, _addSource, 1, source);
            _lastSource = source;
        }

        return _lastSourceId;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
