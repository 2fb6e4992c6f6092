using Microsoft.Data.Sqlite;

namespace Monitor.Grains.Tests.Support;

/// <summary>A temp folder for SQLite files, deleted (with pooled connections released) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("monitor-grains-").FullName;

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
        }
    }
}
