using Microsoft.Data.Sqlite;

namespace Monitor.Demo;

/// <summary>The demo's throw-away database folder.</summary>
public static class DemoDatabase
{
    /// <summary>Removes the folder and the SQLite files in it, once the silo over them has stopped.</summary>
    public static void Remove(string directory)
    {
        // Pooled connections keep the files open; release them first.
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
