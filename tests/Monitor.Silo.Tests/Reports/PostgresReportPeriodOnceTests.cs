using Monitor.Hosting;
using Monitor.Testing;
using Xunit;

namespace Monitor.Silo.Tests.Reports;

/// <summary><see cref="ReportPeriodOnceTests"/> over one PostgreSQL database.</summary>
public sealed class PostgresReportPeriodOnceTests(PostgresDatabaseFixture database) : ReportPeriodOnceTests, IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private string _connectionString = null!;

    public async ValueTask InitializeAsync() =>
        _connectionString = await database.Server.CreateDatabaseAsync("report_once", TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await database.Server.DropDatabaseAsync(_connectionString);

    protected override SiloHostOptions SiloOptions() => new SiloHostOptions().UsePostgres(_connectionString);
}
