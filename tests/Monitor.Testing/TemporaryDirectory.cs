using Microsoft.Data.Sqlite;

namespace Monitor.Testing;

/// <summary>A folder under the system temp path for the databases and files a test writes; deleted (best effort) on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    /// <summary>Creates the folder; <paramref name="prefix"/> names it after the test project that made it.</summary>
    public TemporaryDirectory(string prefix = "monitor-tests-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        // Pooled SQLite connections keep their files open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that was killed is left to the OS temp cleaner.
        }
    }
}
