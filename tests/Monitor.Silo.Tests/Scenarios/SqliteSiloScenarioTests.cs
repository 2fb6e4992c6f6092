using Monitor.Silo.Hosting;

namespace Monitor.Silo.Tests.Scenarios;

/// <summary>The scenarios over SQLite (a fresh temp file per silo).</summary>
public sealed class SqliteSiloScenarioTests : SiloScenarioTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-silo-tests-").FullName;

    protected override Task<SiloHostOptions> CreateHostOptionsAsync() =>
        Task.FromResult(new SiloHostOptions().UseSqlite(Path.Combine(_directory, $"{Guid.NewGuid():N}.db")));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
