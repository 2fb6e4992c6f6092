using Monitor.Grains.Observations;
using Monitor.Runtime.Storage;
using Monitor.Testing;
using Xunit;

namespace Monitor.Grains.Tests.Observations;

public sealed class PostgresObservationLogTests : ObservationLogTests, IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private readonly PostgresObservationLog _log;
    private readonly PostgresObservationLog _other;

    public PostgresObservationLogTests(PostgresDatabaseFixture database)
    {
        // Each test gets its own service ids, so the tests of this class share the database without seeing each other.
        var schema = MonitorSchema.Postgres(database.DataSource, SchemaMigrator.CreateDefault(SchemaDialect.Postgres));
        var service = $"t{Guid.NewGuid():N}";
        _log = new PostgresObservationLog(database.DataSource, new PostgresObservationLogOptions { ServiceId = service + "a" }, schema);
        _other = new PostgresObservationLog(database.DataSource, new PostgresObservationLogOptions { ServiceId = service + "b" }, schema);
    }

    protected override IObservationLog Log => _log;

    protected override IObservationLog? OtherServiceLog => _other;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        await _other.DisposeAsync();
    }

    [Fact]
    public Task Another_service_id_does_not_see_the_rows() => Another_service_id_does_not_see_the_rows_case();
}
