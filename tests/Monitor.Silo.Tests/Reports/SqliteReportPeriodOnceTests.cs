using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Reports;

/// <summary><see cref="ReportPeriodOnceTests"/> over one SQLite file.</summary>
public sealed class SqliteReportPeriodOnceTests : ReportPeriodOnceTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new("monitor-report-once-");

    protected override SiloHostOptions SiloOptions() => new SiloHostOptions().UseSqlite(_directory.File("silo.db"));

    public void Dispose() => _directory.Dispose();
}
