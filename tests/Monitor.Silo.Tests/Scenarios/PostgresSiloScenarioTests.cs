using Monitor.Hosting;
using Monitor.Testing;
using Xunit;

namespace Monitor.Silo.Tests.Scenarios;

/// <summary>The scenarios over PostgreSQL: each silo gets a fresh database on the test kit's throw-away server.</summary>
public sealed class PostgresSiloScenarioTests(PostgresDatabaseFixture database) : SiloScenarioTests, IClassFixture<PostgresDatabaseFixture>, IAsyncDisposable
{
    private readonly List<string> _databases = [];

    protected override async Task<SiloHostOptions> CreateHostOptionsAsync()
    {
        var connectionString = await database.Server.CreateDatabaseAsync("silo", TestContext.Current.CancellationToken);
        _databases.Add(connectionString);
        return new SiloHostOptions().UsePostgres(connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connectionString in _databases)
        {
            await database.Server.DropDatabaseAsync(connectionString);
        }
    }
}
