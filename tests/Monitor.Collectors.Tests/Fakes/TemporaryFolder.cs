using Microsoft.Data.Sqlite;

namespace Monitor.Collectors.Tests.Fakes;

/// <summary>A temp folder for the databases and files a test writes; deleted (best effort) on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <summary>The folder.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("monitor-collectors-tests-").FullName;

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}
