using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Grains.Accounts;
using Monitor.Grains.Observations;
using Monitor.Hosting;
using Xunit;

namespace Monitor.Silo.Tests.Hosting;

/// <summary>What the silo reads from configuration, checked on a built (not started) silo.</summary>
public sealed class SiloConfigurationTests
{
    [Fact]
    public async Task Settings_files_are_read_once_with_no_watcher_on_the_content_root()
    {
        await using var app = Build();

        var root = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        var files = root.Providers.OfType<JsonConfigurationProvider>().Select(provider => provider.Source).ToList();

        Assert.Contains(files, source => source.Path == "appsettings.json");
        Assert.All(files, source => Assert.False(source.ReloadOnChange, $"{source.Path} is watched for changes."));
    }

    [Fact]
    public async Task Account_and_observation_log_settings_bind_from_configuration()
    {
        await using var app = Build(
            ("Monitor:Accounts:CheckpointEveryBatches", "8"),
            ("Monitor:Accounts:StallCheckPeriod", "02:00:00"),
            ("Monitor:ObservationLog:Sqlite:Synchronous", "NORMAL"),
            ("Monitor:ObservationLog:Sqlite:MaxBatchRows", "20000"),
            ("Monitor:ObservationLog:Postgres:MaxBatchRows", "30000"));

        var accounts = app.Services.GetRequiredService<IOptions<AccountGrainOptions>>().Value;
        var sqlite = app.Services.GetRequiredService<IOptions<SqliteObservationLogOptions>>().Value;
        var postgres = app.Services.GetRequiredService<IOptions<PostgresObservationLogOptions>>().Value;

        Assert.Equal((8, TimeSpan.FromHours(2)), (accounts.CheckpointEveryBatches, accounts.StallCheckPeriod));
        Assert.Equal(("NORMAL", 20_000), (sqlite.Synchronous, sqlite.MaxBatchRows));
        Assert.Equal(30_000, postgres.MaxBatchRows);
    }

    [Fact]
    public async Task Unset_settings_keep_their_defaults()
    {
        await using var app = Build();

        var accounts = app.Services.GetRequiredService<IOptions<AccountGrainOptions>>().Value;
        var sqlite = app.Services.GetRequiredService<IOptions<SqliteObservationLogOptions>>().Value;

        Assert.Equal(new AccountGrainOptions().CheckpointEveryBatches, accounts.CheckpointEveryBatches);
        Assert.Equal(new SqliteObservationLogOptions().Synchronous, sqlite.Synchronous);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    public async Task Orleans_dashboard_and_its_call_profiler_follow_the_dashboard_setting(string? setting, bool expected)
    {
        await using var app = Build(setting is null ? [] : [("Monitor:Cluster:Dashboard", setting)]);

        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Select(endpoint => endpoint.RoutePattern.RawText ?? "");
        var profiler = app.Services.GetServices<Orleans.IIncomingGrainCallFilter>()
            .Any(filter => filter.GetType().Assembly == typeof(Orleans.Dashboard.DashboardOptions).Assembly);

        Assert.Equal(expected, routes.Any(route => route.StartsWith(OrleansHosting.DashboardPath, StringComparison.Ordinal)));
        Assert.Equal(expected, profiler);
    }

    private static WebApplication Build(params (string Key, string Value)[] settings)
    {
        var options = new SiloHostOptions { Urls = "http://127.0.0.1:0", QuietLogging = true };
        options.Configuration["Monitor:Storage:Provider"] = "memory";
        foreach (var (key, value) in settings)
        {
            options.Configuration[key] = value;
        }

        return SiloApp.Build(options);
    }
}
