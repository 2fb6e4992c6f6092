using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Monitor.Abstractions.Http;
using Monitor.AccessControl;
using Monitor.Alertmanager;
using Monitor.Api.OpenApi;
using Monitor.Api;
using Monitor.Collectors.Hosting;
using Monitor.Collectors.Outbound;
using Monitor.Dashboard;
using Monitor.Grains.Accounts;
using Monitor.Grains.Alerts;
using Monitor.Grains.Observations;
using Monitor.Grains;
using Monitor.Storage;
using Monitor.Telemetry;
using Monitor.Webhooks;
using Npgsql;
using Monitor.Reports.Web;

namespace Monitor.Hosting;

/// <summary>Builds the silo's web application (grains, HTTP API, live stream, health) from <see cref="SiloHostOptions"/>.</summary>
public static class SiloApp
{
    /// <summary>The address the silo listens on when nothing else is configured.</summary>
    public const string DefaultUrls = ApiConventions.DefaultAddress;

    /// <summary>The configuration section the alert hub's options bind from.</summary>
    public const string AlertHubSectionName = "Monitor:AlertHub";

    /// <summary>The configuration section the account grains' options (checkpoints, stall checks) bind from.</summary>
    public const string AccountsSectionName = "Monitor:Accounts";

    /// <summary>The configuration sections the observation log's tuning binds from (its file and service id come from <c>Monitor:Storage</c>).</summary>
    public const string SqliteLogSectionName = "Monitor:ObservationLog:Sqlite";

    /// <inheritdoc cref="SqliteLogSectionName"/>
    public const string PostgresLogSectionName = "Monitor:ObservationLog:Postgres";

    // Request-by-request framework logging drowns the silo's own messages at the default level.
    private static readonly Dictionary<string, string?> LoggingDefaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",

        // Orleans logs every membership and placement step at Information; its resilience pipelines log each attempt.
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",

        // Authentication brings data protection, which the API never uses (keys are bearer tokens, no cookies).
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
    };

    // Only warnings and errors, including the host's own start-up lines.
    private static readonly Dictionary<string, string?> QuietLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
    };

    /// <summary>Builds (does not start) the application; tests pass <c>http://127.0.0.1:0</c> and read <see cref="GetListeningAddress"/>.</summary>
    public static WebApplication Build(SiloHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SiloApp).Assembly.GetName().Name,
            WebRootPath = DashboardFiles.WebRootPath,

            // No file watcher on the content root: the SQLite database and its WAL live below it by default, and a
            // watcher wakes for every write (measured: about 6 % of the silo's CPU under ingest). Settings apply at start.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });

        // Defaults first, so appsettings.json and the environment can override them; the command line wins over all.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LoggingDefaults });
        builder.Configuration.AddInMemoryCollection(options.Configuration);
        if (options.QuietLogging)
        {
            builder.Configuration.AddInMemoryCollection(QuietLogging);
        }

        var urls = options.Urls ?? builder.Configuration["urls"] ?? DefaultUrls;
        builder.WebHost.UseUrls(urls);

        var storage = ReadStorageOptions(builder.Configuration);
        var ingest = builder.Configuration.GetSection(IngestOptions.SectionName).Get<IngestOptions>() ?? new IngestOptions();
        ValidateIngestOptions(ingest);
        builder.Services.Configure<IngestOptions>(builder.Configuration.GetSection(IngestOptions.SectionName));
        builder.Services.Configure<AlertStreamOptions>(builder.Configuration.GetSection(AlertStreamOptions.SectionName));

        // The ingest endpoint enforces MaxBodyBytes itself and drains a little past it, so Kestrel's hard limit sits above.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = ingest.MaxBodyBytes + ObservationEndpoints.DrainAllowanceBytes;
            RequestTargetLimit.ConfigureKestrel(kestrel.Limits);
        });

        OrleansHosting.AddOrleansSilo(builder, storage);
        builder.Services.Configure<AccountGrainOptions>(builder.Configuration.GetSection(AccountsSectionName));
        builder.Services.Configure<SqliteObservationLogOptions>(builder.Configuration.GetSection(SqliteLogSectionName));
        builder.Services.Configure<PostgresObservationLogOptions>(builder.Configuration.GetSection(PostgresLogSectionName));
        builder.Services.AddSingleton(provider => SiloDatabase.Shared(provider, storage));
        builder.AddMonitorTelemetry();
        builder.Services.AddMonitorAccessControl(builder.Configuration, ListenAddresses.AreLoopbackOnly([urls, .. ConfiguredEndpointUrls(builder.Configuration)]));
        // Built here so a range that is not CIDR stops the silo at start, not at its first webhook.
        builder.Services.AddSingleton(OutboundAddressPolicy.From(
            builder.Configuration.GetSection(OutboundOptions.SectionName).Get<OutboundOptions>() ?? new OutboundOptions()));
        builder.Services.AddMonitorWebhooks(builder.Configuration);
        builder.Services.AddMonitorReports(builder.Configuration);
        builder.Services.AddMonitorAlertmanager(builder.Configuration);
        builder.Services.Configure<AlertHubOptions>(builder.Configuration.GetSection(AlertHubSectionName));
        builder.Services.AddMonitorCollectors(builder.Configuration.GetSection(CollectorOptions.SectionName));
        builder.Services.ConfigureHttpJsonOptions(json => ConfigureJson(json.SerializerOptions));
        builder.Services.TryAddSingleton(TimeProvider.System);

        // A query value that does not bind (limit=lots) raises BadHttpRequestException, which becomes a problem naming it.
        builder.Services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = FrameworkProblemDetail.Add);
        builder.Services.AddExceptionHandler<BadInputExceptionHandler>();
        builder.Services.AddMonitorOpenApi();
        builder.Services.AddHealthChecks()
            .AddCheck<StorageReadinessCheck>("storage", tags: [HealthEndpoints.ReadyTag]);

        options.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseMiddleware<RequestTargetLimit>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboardFiles();
        app.UseMonitorAccessControl();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapAccountEndpoints();
        app.MapObservationEndpoints();
        app.MapImportEndpoints();
        app.MapAlertEndpoints();
        app.MapAlertStreamEndpoint();
        app.MapSilenceEndpoints();
        app.MapGroupEndpoints();
        app.MapEntityEndpoints();
        app.MapKeyEndpoints();
        app.MapWebhookEndpoints();
        app.MapDashboardEndpoints();
        app.MapAnnotationEndpoints();
        app.MapReportEndpoints();
        app.UseMonitorTelemetry();
        OrleansHosting.MapOrleansDashboard(app);

        return app;
    }

    /// <summary>The first address the started application listens on (with the real port when it was started on port 0).</summary>
    public static Uri GetListeningAddress(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("The silo has no listening address; start it before asking for one.");
        return new Uri(first);
    }

    /// <summary>The JSON conventions of the API: camelCase names, enums as camelCase strings.</summary>
    public static void ConfigureJson(JsonSerializerOptions json) => ApiConventions.ConfigureJson(json);

    // Kestrel:Endpoints:<name>:Url entries add listening addresses beside 'urls'.
    private static IEnumerable<string> ConfiguredEndpointUrls(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"]).OfType<string>();

    /// <summary>The most connections each of the silo's PostgreSQL pools opens unless the connection string says.</summary>
    /// <remarks>
    /// A silo holds two pools (the database's data source, and Npgsql's pool for the connection string that Orleans'
    /// ADO.NET reminders and membership use). Npgsql's default of 100 each would let a burst of concurrent reads (many
    /// accounts activating at once) exceed PostgreSQL's default max_connections of 100 and fail with 53300 "too many clients".
    /// </remarks>
    internal const int DefaultMaxPoolSize = 16;

    private static string WithPoolLimit(string connectionString)
    {
        // Npgsql's builder answers ContainsKey for every keyword it knows; the plain builder holds only what was written.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var keys = written.Keys.Cast<string>().Select(key => key.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (keys.Contains("MaximumPoolSize", StringComparer.OrdinalIgnoreCase) || keys.Contains("MaxPoolSize", StringComparer.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }

    /// <summary>The storage options configuration names (provider, file, connection string, service id).</summary>
    internal static MonitorStorageOptions ReadStorageOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection("Monitor:Storage");
        var storage = new MonitorStorageOptions();
        var provider = section["Provider"];
        if (!string.IsNullOrWhiteSpace(provider))
        {
            storage.Provider = Enum.TryParse<StorageProvider>(provider, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new ArgumentOutOfRangeException(SiloHostOptions.StorageProviderKey, provider, "Storage provider must be sqlite, postgres or memory.");
        }

        storage.SqlitePath = section["SqlitePath"] is { Length: > 0 } path ? path : storage.SqlitePath;
        storage.PostgresConnectionString = section["PostgresConnectionString"] is { Length: > 0 } cs ? WithPoolLimit(cs) : storage.PostgresConnectionString;
        storage.ServiceId = section["ServiceId"] is { Length: > 0 } serviceId ? serviceId : storage.ServiceId;
        if (storage.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(storage.PostgresConnectionString))
        {
            throw new ArgumentException(
                $"The postgres storage provider needs a connection string (--postgres or {SiloHostOptions.PostgresConnectionStringKey}).",
                SiloHostOptions.PostgresConnectionStringKey);
        }

        if (storage.Provider == StorageProvider.Sqlite)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(storage.SqlitePath));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        return storage;
    }

    private static void ValidateIngestOptions(IngestOptions ingest)
    {
        if (ingest.MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException($"{IngestOptions.SectionName}:{nameof(IngestOptions.MaxBatchSize)}", ingest.MaxBatchSize, "Must be at least 1.");
        }

        if (ingest.MaxBodyBytes < 1)
        {
            throw new ArgumentOutOfRangeException($"{IngestOptions.SectionName}:{nameof(IngestOptions.MaxBodyBytes)}", ingest.MaxBodyBytes, "Must be at least 1.");
        }
    }
}
