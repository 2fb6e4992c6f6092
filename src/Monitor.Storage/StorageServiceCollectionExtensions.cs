using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Storage.Reminders;
using Npgsql;
using Orleans;
using Orleans.Hosting;
using Orleans.Storage;

namespace Monitor.Storage;

/// <summary>
/// Registers Monitor's group-committing grain storage providers as Orleans' named <see cref="IGrainStorage"/> (keyed
/// singletons, the way Orleans resolves <c>[PersistentState(name, provider)]</c>), the SQLite reminder table, and schema
/// scripts of other assemblies.
/// </summary>
/// <remarks>
/// Providers apply their schema lazily, once, on first use; a second silo starting against the same database finds every
/// script recorded in <c>schema_version</c> and applies nothing. The serializer is the registered
/// <see cref="IGrainStateSerializer"/> (JSON by default, tuned with <c>Configure&lt;JsonGrainStateSerializerOptions&gt;</c>)
/// unless the provider's options name one.
/// </remarks>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The provider name used when none is given.</summary>
    public const string DefaultProviderName = "Default";

    /// <summary>Registers a <see cref="SqliteGrainStorage"/> under <paramref name="name"/>.</summary>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string name, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        StorageArguments.ValidateName(name, nameof(name));
        var options = Configure(configure);
        AddDefaultSerializer(services);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => new SqliteGrainStorage(name, options,
            options.Serializer ?? provider.GetRequiredService<IGrainStateSerializer>(), SchemaMigrator.CreateDefault(SchemaDialect.Sqlite, provider)));
        return services;
    }

    /// <summary>Registers a <see cref="PostgresGrainStorage"/> under <paramref name="name"/>.</summary>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string name, Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        StorageArguments.ValidateName(name, nameof(name));
        var options = Configure(configure);
        if (options.DataSource is null && options.DataSourceServiceKey is null && !string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            options.DataSourceServiceKey = $"{typeof(PostgresGrainStorage).FullName}:{name}";
            services.AddNpgsqlDataSource(options.ConnectionString, PostgresDataSources.Configure, serviceKey: options.DataSourceServiceKey);
        }

        AddDefaultSerializer(services);
        services.AddKeyedSingleton<IGrainStorage>(name, (provider, _) => new PostgresGrainStorage(name, WithDataSource(options, provider),
            options.Serializer ?? provider.GetRequiredService<IGrainStateSerializer>(), SchemaMigrator.CreateDefault(SchemaDialect.Postgres, provider)));
        return services;
    }

    /// <summary>Turns on Orleans' reminder service with <see cref="SqliteReminderTable"/> as its table, replacing any earlier choice.</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder silo, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = Configure(configure);
        silo.AddReminders();
        silo.Services.Replace(ServiceDescriptor.Singleton<IReminderTable>(provider => new SqliteReminderTable(options, SchemaMigrator.CreateDefault(SchemaDialect.Sqlite, provider))));
        return silo;
    }

    /// <summary>
    /// Adds another assembly's schema scripts (resources named <c>{resourcePrefix}NNNN_name.sql</c>); every SQL provider
    /// of <paramref name="dialect"/> applies them along with Monitor.Storage's own.
    /// </summary>
    public static IServiceCollection AddSchemaScripts(this IServiceCollection services, SchemaDialect dialect, Assembly assembly, string resourcePrefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IMigrationSource>(new EmbeddedMigrationSource(assembly, dialect, resourcePrefix));
        return services;
    }

    private static PostgresStorageOptions WithDataSource(PostgresStorageOptions options, IServiceProvider provider)
    {
        if (options.DataSource is null && options.DataSourceServiceKey is { } key)
        {
            options.DataSource = provider.GetRequiredKeyedService<NpgsqlDataSource>(key);
        }

        return options;
    }

    private static T Configure<T>(Action<T> configure)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new T();
        configure(options);
        return options;
    }

    private static void AddDefaultSerializer(IServiceCollection services) =>
        services.TryAddSingleton<IGrainStateSerializer>(provider =>
            new JsonGrainStateSerializer(provider.GetService<IOptions<JsonGrainStateSerializerOptions>>()?.Value ?? new JsonGrainStateSerializerOptions()));
}
