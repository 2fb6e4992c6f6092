using Monitor.Grains.Observations;
using Monitor.Grains.Tests.Support;
using Monitor.Storage;
using Monitor.Testing;
using Xunit;

namespace Monitor.Grains.Tests.Observations;

public sealed class PostgresObservationLogTests : ObservationLogTests, IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private readonly PostgresObservationLog _log;
    private readonly PostgresObservationLog _other;
    private readonly PostgresObservationLog _secondWriter;

    public PostgresObservationLogTests(PostgresDatabaseFixture database)
    {
        // Each test gets its own service ids, so the tests of this class share the database without seeing each other.
        var schema = MonitorSchema.Postgres(database.DataSource, SchemaMigrator.CreateDefault(SchemaDialect.Postgres));
        var service = $"t{Guid.NewGuid():N}";
        _log = new PostgresObservationLog(database.DataSource, new PostgresObservationLogOptions { ServiceId = service + "a" }, schema);
        _other = new PostgresObservationLog(database.DataSource, new PostgresObservationLogOptions { ServiceId = service + "b" }, schema);

        // The same service through a second writer connection, as a second silo of a cluster writes it.
        _secondWriter = new PostgresObservationLog(database.DataSource, new PostgresObservationLogOptions { ServiceId = service + "a" }, schema);
    }

    protected override IObservationLog Log => _log;

    protected override IObservationLog? OtherServiceLog => _other;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        await _other.DisposeAsync();
        await _secondWriter.DisposeAsync();
    }

    [Fact]
    public async Task A_batch_meeting_a_stored_row_is_committed_whole_through_the_merge()
    {
        var stored = ObservationRows.For("x:31").Take(20);
        var first = await _log.AppendAsync(stored, Token);
        Assert.Equal(0, _log.MergedBatches);

        var highWater = await _log.AppendAsync([.. stored.Take(5), .. ObservationRows.For("x:31").Take(3, skip: 20), .. ObservationRows.For("x:32").Take(4)], Token);

        Assert.Equal(1, _log.MergedBatches);
        Assert.True(highWater > first, $"The merge reported high-water {highWater}, not above {first}.");
        Assert.Equal(23, (await ReadAllAsync("x:31", 0)).Count);
        Assert.Equal(4, (await ReadAllAsync("x:32", 0)).Count);
    }

    [Fact]
    public async Task A_row_written_later_by_another_writer_session_gets_a_greater_sequence()
    {
        // Each writer draws values first (so a cached sequence would give each session its own block), then the account
        // moves from the second writer to the first, as when a silo takes over another's partition.
        await _log.AppendAsync(ObservationRows.For("x:41").Take(1), Token);
        await _secondWriter.AppendAsync(ObservationRows.For("x:42").Take(1), Token);
        var checkpoint = await _secondWriter.AppendAsync(ObservationRows.For("x:43").Take(10), Token);
        var later = ObservationRows.For("x:43").Take(5, skip: 10);
        await _log.AppendAsync(later, Token);

        var replay = await ReadAllAsync("x:43", checkpoint);

        Assert.Equal(later, replay.Select(row => row with { Seq = 0 }).ToList());
    }

    [Fact]
    public Task Another_service_id_does_not_see_the_rows() => Another_service_id_does_not_see_the_rows_case();
}
