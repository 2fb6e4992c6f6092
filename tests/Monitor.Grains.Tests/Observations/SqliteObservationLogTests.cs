using Monitor.Grains.Observations;
using Monitor.Grains.Tests.Support;
using Monitor.Runtime.Storage;
using Xunit;

namespace Monitor.Grains.Tests.Observations;

public sealed class SqliteObservationLogTests : ObservationLogTests, IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteObservationLog _log;
    private readonly SqliteObservationLog _other;

    public SqliteObservationLogTests()
    {
        var path = _directory.File("log.db");
        var schema = MonitorSchema.Sqlite(path, SchemaMigrator.CreateDefault(SchemaDialect.Sqlite));
        _log = new SqliteObservationLog(new SqliteObservationLogOptions { DataSource = path, ServiceId = "a" }, schema);
        _other = new SqliteObservationLog(new SqliteObservationLogOptions { DataSource = path, ServiceId = "b" }, schema);
    }

    protected override IObservationLog Log => _log;

    protected override IObservationLog? OtherServiceLog => _other;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        await _other.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public Task Another_service_id_does_not_see_the_rows() => Another_service_id_does_not_see_the_rows_case();
}
