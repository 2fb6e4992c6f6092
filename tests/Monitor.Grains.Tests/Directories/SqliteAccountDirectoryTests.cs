using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Grains.Directories;
using Monitor.Grains.Tests.Support;
using Monitor.Storage;
using Monitor.Testing;
using Xunit;

namespace Monitor.Grains.Tests.Directories;

public sealed class SqliteAccountDirectoryTests : AccountDirectoryTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly SchemaGate _schema;

    public SqliteAccountDirectoryTests()
    {
        _schema = MonitorSchema.Sqlite(_directory.File("directory.db"), SchemaMigrator.CreateDefault(SchemaDialect.Sqlite));
    }

    public void Dispose() => _directory.Dispose();

    protected override AccountDirectory OpenDirectory() =>
        new(new SqliteAccountDirectoryStore(_directory.File("directory.db"), "monitor", TimeSpan.FromSeconds(10), TimeProvider.System, _schema),
            NullLogger<AccountDirectory>.Instance);

    [Fact]
    public Task Removing_and_replacing_rows_is_seen_by_a_new_instance() => Removing_and_replacing_rows_is_seen_by_a_new_instance_case();
}
