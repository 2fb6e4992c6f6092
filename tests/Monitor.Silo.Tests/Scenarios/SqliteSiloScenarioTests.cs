using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Scenarios;

/// <summary>The scenarios over SQLite (a fresh temp file per silo).</summary>
public sealed class SqliteSiloScenarioTests : SiloScenarioTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    protected override Task<SiloHostOptions> CreateHostOptionsAsync() =>
        Task.FromResult(new SiloHostOptions().UseSqlite(_directory.File($"{Guid.NewGuid():N}.db")));

    public void Dispose() => _directory.Dispose();
}
