using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Grains.Accounts;
using Monitor.Grains.Observations;
using Monitor.Silo.Hosting;
using Xunit;

namespace Monitor.Silo.Tests.Hosting;

public sealed class TuningOptionsTests
{
    [Fact]
    public async Task Account_and_observation_log_settings_bind_from_configuration()
    {
        var options = new SiloHostOptions { Urls = "http://127.0.0.1:0", QuietLogging = true };
        options.Configuration["Monitor:Storage:Provider"] = "memory";
        options.Configuration["Monitor:Accounts:CheckpointEveryBatches"] = "8";
        options.Configuration["Monitor:Accounts:StallCheckPeriod"] = "02:00:00";
        options.Configuration["Monitor:ObservationLog:Sqlite:Synchronous"] = "NORMAL";
        options.Configuration["Monitor:ObservationLog:Sqlite:MaxBatchRows"] = "20000";
        options.Configuration["Monitor:ObservationLog:Postgres:MaxBatchRows"] = "30000";
        await using var app = SiloApp.Build(options);

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
        var options = new SiloHostOptions { Urls = "http://127.0.0.1:0", QuietLogging = true };
        options.Configuration["Monitor:Storage:Provider"] = "memory";
        await using var app = SiloApp.Build(options);

        var accounts = app.Services.GetRequiredService<IOptions<AccountGrainOptions>>().Value;
        var sqlite = app.Services.GetRequiredService<IOptions<SqliteObservationLogOptions>>().Value;

        Assert.Equal(new AccountGrainOptions().CheckpointEveryBatches, accounts.CheckpointEveryBatches);
        Assert.Equal(new SqliteObservationLogOptions().Synchronous, sqlite.Synchronous);
    }
}
