using System.Data.Common;
using Xunit;

namespace Monitor.Storage.Tests;

/// <summary>What <see cref="SchemaMigrator"/> guarantees on every database it supports.</summary>
public abstract class SchemaMigratorConformanceTests : IAsyncLifetime
{
    public virtual ValueTask InitializeAsync() => default;

    public virtual ValueTask DisposeAsync() => default;

    [Fact]
    public async Task A_fresh_database_gets_every_script_once_in_version_order()
    {
        var connect = await CreateDatabaseAsync();
        var migrator = SchemaMigrator.CreateDefault(Dialect);

        IReadOnlyList<MigrationScript> applied;
        await using (var connection = connect())
        {
            applied = await migrator.MigrateAsync(connection, TestContext.Current.CancellationToken);
        }

        Assert.Equal(migrator.GetScripts(), applied);
        Assert.Equal(applied.Select(s => s.Version).Order(), applied.Select(s => s.Version));
        Assert.Equal(applied.Select(s => (s.Name, s.Checksum)).Order(), await ReadRecordedAsync(connect));
    }

    [Fact]
    public async Task Running_the_migrator_again_applies_nothing()
    {
        var connect = await CreateDatabaseAsync();
        await using (var first = connect())
        {
            await SchemaMigrator.CreateDefault(Dialect).MigrateAsync(first, TestContext.Current.CancellationToken);
        }

        var recorded = await ReadRecordedAsync(connect);
        await using var second = connect();
        var applied = await SchemaMigrator.CreateDefault(Dialect).MigrateAsync(second, TestContext.Current.CancellationToken);

        Assert.Empty(applied);
        Assert.Equal(recorded, await ReadRecordedAsync(connect));
    }

    [Fact]
    public async Task Migrators_starting_together_apply_each_script_exactly_once()
    {
        var connect = await CreateDatabaseAsync();
        var connections = Enumerable.Range(0, 4).Select(_ => connect()).ToList();
        try
        {
            var results = await Task.WhenAll(connections.Select(c => Task.Run(() => SchemaMigrator.CreateDefault(Dialect).MigrateAsync(c, TestContext.Current.CancellationToken))));

            var allApplied = results.SelectMany(r => r).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(SchemaMigrator.CreateDefault(Dialect).GetScripts().Select(s => s.Name).Order(StringComparer.Ordinal), allApplied);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Scripts_another_assembly_adds_later_are_applied_without_reapplying_the_others()
    {
        var connect = await CreateDatabaseAsync();
        await using (var first = connect())
        {
            await SchemaMigrator.CreateDefault(Dialect).MigrateAsync(first, TestContext.Current.CancellationToken);
        }

        var extension = new MigrationScript("9003_test_extension", "CREATE TABLE test_extension (account TEXT NOT NULL, followers BIGINT NOT NULL)");
        var migrator = SchemaMigrator.CreateDefault(Dialect).AddSource(new FixedMigrationSource(Dialect, extension));
        await using var second = connect();
        var applied = await migrator.MigrateAsync(second, TestContext.Current.CancellationToken);

        Assert.Equal([extension], applied);
        Assert.Equal(0L, await CountRowsAsync(connect, "test_extension"));
    }

    [Fact]
    public async Task A_failing_script_leaves_no_trace_and_is_applied_once_fixed()
    {
        var connect = await CreateDatabaseAsync();
        var broken = new MigrationScript("9003_test_failing", "CREATE TABLE test_failing (id BIGINT NOT NULL); CREATE TABLE test_broken (;");
        await using (var connection = connect())
        {
            await Assert.ThrowsAnyAsync<DbException>(() => SchemaMigrator.CreateDefault(Dialect).AddSource(new FixedMigrationSource(Dialect, broken))
                .MigrateAsync(connection, TestContext.Current.CancellationToken));
        }

        var recordedAfterFailure = await ReadRecordedAsync(connect);
        var fixedScript = new MigrationScript("9003_test_failing", "CREATE TABLE test_failing (id BIGINT NOT NULL)");
        await using (var connection = connect())
        {
            await SchemaMigrator.CreateDefault(Dialect).AddSource(new FixedMigrationSource(Dialect, fixedScript)).MigrateAsync(connection, TestContext.Current.CancellationToken);
        }

        Assert.DoesNotContain(recordedAfterFailure, row => row.Name == "9003_test_failing");
        Assert.Contains(("9003_test_failing", fixedScript.Checksum), await ReadRecordedAsync(connect));
        Assert.Equal(0L, await CountRowsAsync(connect, "test_failing"));
    }

    [Fact]
    public async Task A_script_edited_after_it_was_applied_is_refused_naming_it()
    {
        var connect = await CreateDatabaseAsync();
        var original = new MigrationScript("9003_test_edited", "CREATE TABLE test_edited (name TEXT NOT NULL)");
        await using (var connection = connect())
        {
            await SchemaMigrator.CreateDefault(Dialect).AddSource(new FixedMigrationSource(Dialect, original)).MigrateAsync(connection, TestContext.Current.CancellationToken);
        }

        var edited = new MigrationScript("9003_test_edited", "CREATE TABLE test_edited (name TEXT NOT NULL, extra INT)");
        await using var again = connect();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => SchemaMigrator.CreateDefault(Dialect).AddSource(new FixedMigrationSource(Dialect, edited)).MigrateAsync(again, TestContext.Current.CancellationToken));

        Assert.Contains("'9003_test_edited'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grain_state", new[] { "service_id", "grain_type", "grain_key", "state_name" })]
    [InlineData("reminders", new[] { "service_id", "grain_type", "grain_key", "reminder_name" })]
    public async Task Tables_have_a_primary_key_on_service_and_identity(string table, string[] expected)
    {
        var connect = await CreateDatabaseAsync();
        await using (var connection = connect())
        {
            await SchemaMigrator.CreateDefault(Dialect).MigrateAsync(connection, TestContext.Current.CancellationToken);
        }

        Assert.Equal(expected, await ReadPrimaryKeyAsync(connect, table));
    }

    protected abstract SchemaDialect Dialect { get; }

    /// <summary>Creates an empty database and returns a factory of (unopened) connections to it.</summary>
    protected abstract Task<Func<DbConnection>> CreateDatabaseAsync();

    /// <summary>Primary key columns of <paramref name="table"/>, in key order.</summary>
    protected abstract Task<IReadOnlyList<string>> ReadPrimaryKeyAsync(Func<DbConnection> connect, string table);

    private static async Task<List<(string Name, string Checksum)>> ReadRecordedAsync(Func<DbConnection> connect)
    {
        await using var connection = connect();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT script_name, checksum FROM schema_version ORDER BY script_name";
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private static async Task<long> CountRowsAsync(Func<DbConnection> connect, string table)
    {
        await using var connection = connect();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
