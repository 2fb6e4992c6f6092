using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Monitor.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string DatabasePath => _folder.File("silo.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Memory_storage_is_one_singleton_under_the_default_name()
    {
        await using var services = new ServiceCollection().AddMemoryGrainStorage().BuildServiceProvider();

        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageServiceCollectionExtensions.DefaultProviderName);

        Assert.IsType<InMemoryGrainStorage>(storage);
        Assert.Same(storage, services.GetRequiredKeyedService<IGrainStorage>("Default"));
    }

    [Fact]
    public async Task Named_providers_are_resolved_by_their_names()
    {
        await using var services = new ServiceCollection()
            .AddMemoryGrainStorage("scratch")
            .AddSqliteGrainStorage("accounts", options => options.DataSource = DatabasePath)
            .BuildServiceProvider();

        var accounts = services.GetRequiredKeyedService<IGrainStorage>("accounts");

        Assert.Equal("accounts", Assert.IsType<SqliteGrainStorage>(accounts).Name);
        Assert.Equal(DatabasePath, ((SqliteGrainStorage)accounts).FilePath);
        Assert.IsType<InMemoryGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>("scratch"));
        Assert.Null(services.GetKeyedService<IGrainStorage>("Default"));
    }

    [Fact]
    public async Task A_second_silo_starting_on_the_same_sqlite_file_applies_no_scripts_and_sees_the_first_silos_data()
    {
        var grain = TestGrains.NewAccount();
        var reminder = new ReminderEntryBuilder().ForGrain(grain).Build();
        string? eTag;
        IReadOnlyList<(string, string)> recordedBySiloA;
        await using (var siloA = BuildSilo())
        {
            var state = new GrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(5).Build());
            await siloA.GetRequiredKeyedService<IGrainStorage>("Default").WriteStateAsync("account", grain, state, TestContext.Current.CancellationToken);
            await siloA.GetRequiredService<IReminderTable>().UpsertRowAsync(reminder, TestContext.Current.CancellationToken);
            eTag = state.ETag;
            recordedBySiloA = await ReadSchemaVersionsAsync();
        }

        await using var siloB = BuildSilo();
        var read = new GrainState<AccountSnapshot>(new AccountSnapshot());
        await siloB.GetRequiredKeyedService<IGrainStorage>("Default").ReadStateAsync("account", grain, read, TestContext.Current.CancellationToken);
        var reminders = await siloB.GetRequiredService<IReminderTable>().ReadRowsAsync(grain, TestContext.Current.CancellationToken);

        Assert.Equal(eTag, read.ETag);
        Assert.Equal(5, read.State.Followers);
        Assert.Equal(reminder.ReminderName, Assert.Single(reminders).ReminderName);
        Assert.Equal(SchemaMigrator.CreateDefault(SchemaDialect.Sqlite).GetScripts().Count, recordedBySiloA.Count);
        Assert.Equal(recordedBySiloA, await ReadSchemaVersionsAsync());
    }

    [Fact]
    public async Task The_last_reminder_table_choice_wins()
    {
        await using var services = new ServiceCollection()
            .UseMemoryReminderTable()
            .UseSqliteReminderTable(options => options.DataSource = DatabasePath)
            .BuildServiceProvider();

        Assert.IsType<SqliteReminderTable>(services.GetRequiredService<IReminderTable>());
        Assert.Single(services.GetServices<IReminderTable>());
    }

    [Fact]
    public async Task The_serializer_options_registered_in_di_are_used_by_the_providers()
    {
        var resolver = new RecordingResolver();
        await using var services = new ServiceCollection()
            .Configure<JsonGrainStateSerializerOptions>(options => options.TypeInfoResolvers.Add(resolver))
            .AddSqliteGrainStorage("Default", options => options.DataSource = DatabasePath)
            .BuildServiceProvider();

        await services.GetRequiredKeyedService<IGrainStorage>("Default").WriteStateAsync(
            "profile", TestGrains.NewAccount(), new GrainState<ProfileV1>(new ProfileV1 { Name = "n" }), TestContext.Current.CancellationToken);

        Assert.Contains(typeof(ProfileV1), resolver.Asked);
    }

    [Fact]
    public async Task Migration_sources_registered_in_di_are_applied_with_the_runtime_scripts()
    {
        var extra = new MigrationScript("9100_test_extension", "CREATE TABLE test_extension (account TEXT NOT NULL)");
        await using (var services = new ServiceCollection()
            .AddSingleton<IMigrationSource>(new FixedMigrationSource(SchemaDialect.Sqlite, extra))
            .AddSqliteGrainStorage("Default", options => options.DataSource = DatabasePath)
            .BuildServiceProvider())
        {
            await services.GetRequiredKeyedService<IGrainStorage>("Default").ReadStateAsync(
                "profile", TestGrains.NewAccount(), new GrainState<ProfileV1>(new ProfileV1()), TestContext.Current.CancellationToken);
        }

        Assert.Contains(extra.Name, (await ReadSchemaVersionsAsync()).Select(row => row.Name));
    }

    [Fact]
    public async Task Disposing_the_container_disposes_the_providers()
    {
        var services = new ServiceCollection().AddSqliteGrainStorage("Default", options => options.DataSource = DatabasePath).BuildServiceProvider();
        var storage = services.GetRequiredKeyedService<IGrainStorage>("Default");

        await services.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.WriteStateAsync(
            "profile", TestGrains.NewAccount(), new GrainState<ProfileV1>(new ProfileV1()), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_blank_provider_name_is_rejected_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddMemoryGrainStorage(" "));

        Assert.Equal("name", error.ParamName);
    }

    private ServiceProvider BuildSilo() => new ServiceCollection()
        .AddSqliteGrainStorage("Default", options => options.DataSource = DatabasePath)
        .UseSqliteReminderTable(options => options.DataSource = DatabasePath)
        .BuildServiceProvider();

    private async Task<IReadOnlyList<(string Name, string AppliedOn)>> ReadSchemaVersionsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT script_name, applied_on FROM schema_version ORDER BY script_name";
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private sealed class RecordingResolver : IJsonTypeInfoResolver
    {
        public List<Type> Asked { get; } = [];

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            lock (Asked)
            {
                Asked.Add(type);
            }

            return null;
        }
    }
}
