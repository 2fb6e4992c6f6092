using System.Globalization;
using Monitor.Testing;
using Npgsql;
using Orleans.Runtime;
using Xunit;

namespace Monitor.Storage.Tests;

public sealed class PostgresGrainStorageTests(PostgresDatabaseFixture database) : SqlGrainStorageConformanceTests, IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task A_key_with_a_nul_character_is_rejected_naming_the_grain_id()
    {
        var state = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().Build());

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Storage.WriteStateAsync("account", GrainId.Create("account", "x:\0evil"), state));

        Assert.Equal("grainId", error.ParamName);
        Assert.Contains("x:\\0evil", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_built_from_a_connection_string_works_like_one_given_a_data_source()
    {
        var grain = TestGrains.NewAccount();
        var fromString = Track(new PostgresGrainStorage("cs", new PostgresStorageOptions { ConnectionString = database.ConnectionString, ServiceId = ServiceId }));
        var state = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(77).Build());

        await fromString.WriteStateAsync("account", grain, state, TestContext.Current.CancellationToken);

        var read = await ReadAsync<AccountSnapshot>(grain);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(77, read.State.Followers);
    }

    [Fact]
    public void Options_without_a_connection_are_rejected_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => new PostgresGrainStorage("bad", new PostgresStorageOptions()));
        var batches = Assert.Throws<ArgumentOutOfRangeException>(
            () => new PostgresGrainStorage("bad", new PostgresStorageOptions { DataSource = database.DataSource, MaxConcurrentBatches = 0 }));

        Assert.Equal("options.ConnectionString", error.ParamName);
        Assert.Equal("options.MaxConcurrentBatches", batches.ParamName);
    }

    protected override SchemaDialect Dialect => SchemaDialect.Postgres;

    protected override SqlGrainStorage CreateStorage(string serviceId) =>
        new PostgresGrainStorage("postgres-test", new PostgresStorageOptions { DataSource = database.DataSource, ServiceId = serviceId });

    protected override async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using (var command = new NpgsqlCommand("BEGIN; LOCK TABLE grain_state IN SHARE MODE", connection))
        {
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        // Disposing a connection with an open transaction rolls it back, releasing the lock.
        return connection;
    }

    protected override async Task<IReadOnlyList<(string Name, string AppliedOn)>> ReadSchemaVersionsAsync()
    {
        await using var command = database.DataSource.CreateCommand("SELECT script_name, applied_on FROM schema_version ORDER BY script_name");
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetFieldValue<DateTime>(1).ToString("O", CultureInfo.InvariantCulture)));
        }

        return rows;
    }
}
