using System.Runtime.InteropServices;

namespace Monitor.Grains.Observations;

/// <summary>
/// The few SQLite calls the observation log's writer makes for every row, straight into the same native library
/// Microsoft.Data.Sqlite loads (<c>e_sqlite3</c>), by raw handle. Through SQLitePCL each call took and released a
/// <see cref="SafeHandle"/> reference and went through a provider interface: about 3 % of the silo's CPU during an import
/// (docs/benchmarks.md, "Import: fewer SQLite calls per row"). The callers keep the handles' owners alive. Binding a number,
/// resetting a statement and reading the change count are short and never block on I/O, so they skip the GC transition;
/// stepping a statement may read pages from disk and makes an ordinary call.
/// </summary>
internal static class SqliteNativeCalls
{
    private const string Library = "e_sqlite3";

    [DllImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    public static extern int BindInt64(IntPtr statement, int index, long value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    public static extern int BindNull(IntPtr statement, int index);

    [DllImport(Library, EntryPoint = "sqlite3_reset")]
    [SuppressGCTransition]
    public static extern int Reset(IntPtr statement);

    [DllImport(Library, EntryPoint = "sqlite3_changes")]
    [SuppressGCTransition]
    public static extern int Changes(IntPtr db);

    [DllImport(Library, EntryPoint = "sqlite3_step")]
    public static extern int Step(IntPtr statement);
}
