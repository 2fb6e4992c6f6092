using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Grains.Directories;
using Monitor.Grains.Tests.Support;
using Monitor.Storage;
using Monitor.Testing;
using Xunit;

namespace Monitor.Grains.Tests.Directories;

public sealed class PostgresAccountDirectoryTests(PostgresDatabaseFixture database) : AccountDirectoryTests, IClassFixture<PostgresDatabaseFixture>
{
    private readonly string _serviceId = $"t{Guid.NewGuid():N}";
    private readonly SchemaGate _schema = MonitorSchema.Postgres(database.DataSource, SchemaMigrator.CreateDefault(SchemaDialect.Postgres));

    protected override AccountDirectory OpenDirectory() =>
        new(new PostgresAccountDirectoryStore(database.DataSource, _serviceId, TimeProvider.System, _schema), NullLogger<AccountDirectory>.Instance);

    [Fact]
    public Task Removing_and_replacing_rows_is_seen_by_a_new_instance() => Removing_and_replacing_rows_is_seen_by_a_new_instance_case();
}
