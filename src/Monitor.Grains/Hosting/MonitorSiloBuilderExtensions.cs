using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Accounts;
using Monitor.Grains.Alerts;
using Monitor.Grains.Alerts.Store;
using Monitor.Grains.Directories;
using Monitor.Grains.Observations;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Monitor.Grains;

/// <summary>What Monitor adds to an Orleans silo: grain storage and reminders, observation log, account directory and alert routing.</summary>
public static class MonitorSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant Orleans' providers use for PostgreSQL.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// The service key of the database's one <see cref="NpgsqlDataSource"/> (PostgreSQL provider): grain storage, observation
    /// log, directory, schema migration and the host's own tables share its pool.
    /// </summary>
    public const string DataSourceKey = "Monitor";

    /// <summary>
    /// Registers the grain storage ("Default") and Orleans' reminder service with the chosen provider's table, the
    /// observation log, <see cref="IAccountDirectory"/>, <see cref="IAlertChangeFeed"/>, the per-silo
    /// <see cref="AlertRouter"/>, the schema migration (run before Orleans starts), and <see cref="TimeProvider.System"/>
    /// unless a time provider is registered. Clustering is the host's choice.
    /// </summary>
    public static ISiloBuilder AddMonitorGrains(this ISiloBuilder silo, MonitorStorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(silo);
        Validate(storage);

        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);

        // Orleans' reminder tables and Monitor's stores must agree on the deployment they belong to: one id serves both.
        silo.Configure<ClusterOptions>(options => options.ServiceId = storage.ServiceId);
        services.AddOptions<AccountGrainOptions>();
        services.AddOptions<AlertHubOptions>();
        services.AddOptions<AlertRouterOptions>();
        services.TryAddSingleton<AlertChangeFeed>();
        services.TryAddSingleton<IAlertChangeFeed>(provider => provider.GetRequiredService<AlertChangeFeed>());
        services.TryAddSingleton<AlertRouter>();
        services.TryAddSingleton<IAlertPublisher>(provider => provider.GetRequiredService<AlertRouter>());
        services.TryAddSingleton<AccountDirectory>(provider => new AccountDirectory(
            provider.GetRequiredService<IAccountDirectoryStore>(), provider.GetRequiredService<ILogger<AccountDirectory>>()));
        services.TryAddSingleton<IAccountDirectory>(provider => provider.GetRequiredService<AccountDirectory>());

        switch (storage.Provider)
        {
            case StorageProvider.Memory:
                // Orleans' memory storage, keeping state as the SQL stores do (JSON), so a state type that stores there stores here.
                silo.AddMemoryGrainStorage(StorageServiceCollectionExtensions.DefaultProviderName,
                    options => options.GrainStorageSerializer = new JsonGrainStateSerializer());
                silo.UseInMemoryReminderService();
                services.TryAddSingleton<IObservationLog, InMemoryObservationLog>();
                services.TryAddSingleton<IAccountDirectoryStore, InMemoryAccountDirectoryStore>();
                services.TryAddSingleton(SchemaGate.None);
                // The alert store's SQL runs on a private in-memory SQLite database, so memory silos query as stored ones do.
                services.TryAddSingleton<IAlertStore>(provider => SqliteAlertStore.InMemory(
                    storage.ServiceId, SchemaMigrator.CreateDefault(SchemaDialect.Sqlite)));
                break;
            case StorageProvider.Sqlite:
                AddSqlite(silo, storage);
                break;
            case StorageProvider.Postgres:
                AddPostgres(silo, storage);
                break;
        }

        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigrationLifecycle>();
        return silo;
    }

    private static void Validate(MonitorStorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (!Enum.IsDefined(storage.Provider))
        {
            throw new ArgumentOutOfRangeException($"{nameof(storage)}.{nameof(storage.Provider)}", storage.Provider, "Must be Sqlite, Postgres or Memory.");
        }

        if (string.IsNullOrWhiteSpace(storage.ServiceId))
        {
            throw new ArgumentException($"The service id must not be empty (was '{storage.ServiceId}').", $"{nameof(storage)}.{nameof(storage.ServiceId)}");
        }

        if (storage.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(storage.SqlitePath))
        {
            throw new ArgumentException($"The SQLite provider needs a database path (was '{storage.SqlitePath}').", $"{nameof(storage)}.{nameof(storage.SqlitePath)}");
        }

        if (storage.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(storage.PostgresConnectionString))
        {
            throw new ArgumentException("The PostgreSQL provider needs a connection string (was empty).", $"{nameof(storage)}.{nameof(storage.PostgresConnectionString)}");
        }
    }

    private static void AddSqlite(ISiloBuilder silo, MonitorStorageOptions storage)
    {
        var services = silo.Services;
        var path = Path.GetFullPath(storage.SqlitePath);
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var serviceId = storage.ServiceId;
        services.AddSqliteGrainStorage(StorageServiceCollectionExtensions.DefaultProviderName, options =>
        {
            options.DataSource = path;
            options.ServiceId = serviceId;
        });
        silo.UseSqliteReminderService(options =>
        {
            options.DataSource = path;
            options.ServiceId = serviceId;
        });
        services.TryAddSingleton(provider => MonitorSchema.Sqlite(path, SchemaMigrator.CreateDefault(SchemaDialect.Sqlite, provider)));
        services.TryAddSingleton<IObservationLog>(provider =>
        {
            // Tuning (synchronous, batch size) comes from Configure<SqliteObservationLogOptions>; file and service id from storage.
            // The log has a file of its own beside the main one, so its group commits and the grains' checkpoints do not
            // queue for one write lock; rows an older release wrote into the main file move over on first use.
            var options = provider.GetRequiredService<IOptions<SqliteObservationLogOptions>>().Value;
            options.DataSource = SqliteObservationLogOptions.FileBeside(path);
            options.ServiceId = serviceId;
            return new SqliteObservationLog(options, legacyDataSource: path, provider.GetRequiredService<ILogger<SqliteObservationLog>>());
        });
        // The log's own file migrates at start too, not on the first grain call: rewriting a large log from an older
        // release takes minutes, during which a ready silo would time its requests out.
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => new SchemaMigrationLifecycle(
            provider.GetRequiredService<IObservationLog>() is SqlObservationLog log ? log.Schema : SchemaGate.None));
        services.TryAddSingleton<IAccountDirectoryStore>(provider => new SqliteAccountDirectoryStore(
            path, serviceId, TimeSpan.FromSeconds(30), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<SchemaGate>()));
        services.TryAddSingleton<IAlertStore>(provider => SqliteAlertStore.InFile(
            path, serviceId, TimeSpan.FromSeconds(30), provider.GetRequiredService<SchemaGate>()));
    }

    private static void AddPostgres(ISiloBuilder silo, MonitorStorageOptions storage)
    {
        var services = silo.Services;
        var connectionString = storage.PostgresConnectionString!;
        var serviceId = storage.ServiceId;
        // One data source for the database (Npgsql.DependencyInjection: it logs through the silo's logger factory, and the
        // container disposes it at shutdown). Orleans' ADO.NET reminders (and clustering) open connections by connection
        // string instead, from Npgsql's pool for that string.
        services.AddNpgsqlDataSource(connectionString, PostgresDataSources.Configure, serviceKey: DataSourceKey);
        static NpgsqlDataSource DataSource(IServiceProvider provider) => provider.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey);
        services.AddPostgresGrainStorage(StorageServiceCollectionExtensions.DefaultProviderName, options =>
        {
            options.DataSourceServiceKey = DataSourceKey;
            options.ServiceId = serviceId;

            // The schema gate below applies every script (the grain storage's too) as the silo's first lifecycle step.
            options.ApplySchema = false;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = PostgresInvariant;
            options.ConnectionString = connectionString;
        });

        services.TryAddSingleton(provider => MonitorSchema.Postgres(
            DataSource(provider), SchemaMigrator.CreateDefault(SchemaDialect.Postgres, provider)));
        services.TryAddSingleton<IObservationLog>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PostgresObservationLogOptions>>().Value;
            options.ServiceId = serviceId;
            return new PostgresObservationLog(
                DataSource(provider), options, provider.GetRequiredService<SchemaGate>());
        });
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => new LegacyReminderMigration(
            DataSource(provider), serviceId,
            provider.GetRequiredService<IReminderTable>(), provider.GetRequiredService<ILogger<LegacyReminderMigration>>()));
        services.TryAddSingleton<IAccountDirectoryStore>(provider => new PostgresAccountDirectoryStore(
            DataSource(provider),
            serviceId, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<SchemaGate>()));
        services.TryAddSingleton<IAlertStore>(provider => new PostgresAlertStore(
            DataSource(provider), serviceId, provider.GetRequiredService<SchemaGate>()));
    }
}
