using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monitor.Storage.Reminders;
using Orleans;
using Orleans.Hosting;
using Orleans.Storage;
using Xunit;
using Monitor.Testing;

namespace Monitor.Storage.Tests;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    private string DatabasePath => _folder.File("silo.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Named_providers_are_keyed_singletons_resolved_by_their_names()
    {
        await using var services = new ServiceCollection()
            .AddSqliteGrainStorage("accounts", options => options.DataSource = DatabasePath)
            .AddPostgresGrainStorage("cluster", options => options.ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody")
            .BuildServiceProvider();

        var accounts = services.GetRequiredKeyedService<IGrainStorage>("accounts");
        var cluster = services.GetRequiredKeyedService<IGrainStorage>("cluster");

        Assert.Equal("accounts", Assert.IsType<SqliteGrainStorage>(accounts).Name);
        Assert.Equal(DatabasePath, ((SqliteGrainStorage)accounts).FilePath);
        Assert.Equal("cluster", Assert.IsType<PostgresGrainStorage>(cluster).Name);
        Assert.Same(accounts, services.GetRequiredKeyedService<IGrainStorage>("accounts"));
        Assert.Null(services.GetKeyedService<IGrainStorage>(StorageServiceCollectionExtensions.DefaultProviderName));
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
            var state = new TestGrainState<AccountSnapshot>(new AccountSnapshotBuilder().WithFollowers(5).Build());
            await siloA.GetRequiredKeyedService<IGrainStorage>("Default").WriteStateAsync("account", grain, state);
            await siloA.GetRequiredService<IReminderTable>().UpsertRow(reminder, TestContext.Current.CancellationToken);
            eTag = state.ETag;
            recordedBySiloA = await ReadSchemaVersionsAsync();
        }

        await using var siloB = BuildSilo();
        var read = new TestGrainState<AccountSnapshot>(new AccountSnapshot());
        await siloB.GetRequiredKeyedService<IGrainStorage>("Default").ReadStateAsync("account", grain, read);
        var reminders = await siloB.GetRequiredService<IReminderTable>().ReadRows(grain, TestContext.Current.CancellationToken);

        Assert.Equal(eTag, read.ETag);
        Assert.Equal(5, read.State.Followers);
        Assert.Equal(reminder.ReminderName, Assert.Single(reminders.Reminders).ReminderName);
        Assert.Equal(SchemaMigrator.CreateDefault(SchemaDialect.Sqlite).GetScripts().Count, recordedBySiloA.Count);
        Assert.Equal(recordedBySiloA, await ReadSchemaVersionsAsync());
    }

    [Fact]
    public async Task The_sqlite_reminder_service_replaces_a_reminder_table_chosen_before_it()
    {
        var collection = new ServiceCollection();
        collection.AddOrleans(silo => silo
            .UseInMemoryReminderService()
            .UseSqliteReminderService(options => options.DataSource = DatabasePath));
        await using var services = collection.BuildServiceProvider();

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
            "profile", TestGrains.NewAccount(), new TestGrainState<ProfileV1>(new ProfileV1 { Name = "n" }));

        Assert.Contains(typeof(ProfileV1), resolver.Asked);
    }

    [Fact]
    public async Task Migration_sources_registered_in_di_are_applied_with_the_storage_scripts()
    {
        var extra = new MigrationScript("9100_test_extension", "CREATE TABLE test_extension (account TEXT NOT NULL)");
        await using (var services = new ServiceCollection()
            .AddSingleton<IMigrationSource>(new FixedMigrationSource(SchemaDialect.Sqlite, extra))
            .AddSqliteGrainStorage("Default", options => options.DataSource = DatabasePath)
            .BuildServiceProvider())
        {
            await services.GetRequiredKeyedService<IGrainStorage>("Default").ReadStateAsync(
                "profile", TestGrains.NewAccount(), new TestGrainState<ProfileV1>(new ProfileV1()));
        }

        Assert.Contains(extra.Name, (await ReadSchemaVersionsAsync()).Select(row => row.Name));
    }

    [Fact]
    public async Task Scripts_added_with_add_schema_scripts_are_applied_by_the_sqlite_reminder_table()
    {
        var collection = new ServiceCollection()
            .AddSchemaScripts(SchemaDialect.Sqlite, typeof(StorageServiceCollectionExtensionsTests).Assembly, "Monitor.Storage.Tests.Sql.")
            .AddSchemaScripts(SchemaDialect.Postgres, typeof(StorageServiceCollectionExtensionsTests).Assembly, "Monitor.Storage.Tests.Sql.");
        collection.AddOrleans(silo => silo.UseSqliteReminderService(options => options.DataSource = DatabasePath));
        await using (var services = collection.BuildServiceProvider())
        {
            await services.GetRequiredService<IReminderTable>().StartAsync(TestContext.Current.CancellationToken);
        }

        var recorded = (await ReadSchemaVersionsAsync()).Select(row => row.Name).ToList();

        Assert.Contains("9200_test_registered_scripts", recorded);
        Assert.Equal(SchemaMigrator.CreateDefault(SchemaDialect.Sqlite).GetScripts().Count + 1, recorded.Count);
    }

    [Fact]
    public async Task Disposing_the_container_disposes_the_providers()
    {
        var services = new ServiceCollection().AddSqliteGrainStorage("Default", options => options.DataSource = DatabasePath).BuildServiceProvider();
        var storage = services.GetRequiredKeyedService<IGrainStorage>("Default");

        await services.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.WriteStateAsync(
            "profile", TestGrains.NewAccount(), new TestGrainState<ProfileV1>(new ProfileV1())));
    }

    [Fact]
    public void A_blank_provider_name_is_rejected_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddSqliteGrainStorage(" ", options => options.DataSource = DatabasePath));

        Assert.Equal("name", error.ParamName);
    }

    private ServiceProvider BuildSilo()
    {
        var services = new ServiceCollection().AddSqliteGrainStorage("Default", options => options.DataSource = DatabasePath);
        services.AddOrleans(silo => silo.UseSqliteReminderService(options => options.DataSource = DatabasePath));
        return services.BuildServiceProvider();
    }

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
