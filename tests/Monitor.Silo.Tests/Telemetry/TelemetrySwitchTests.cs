using System.Net;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Telemetry;

/// <summary>Monitor:Telemetry:Enabled=false (for measuring what telemetry costs) collects nothing and serves no /metrics.</summary>
public sealed class TelemetrySwitchTests
{
    [Theory]
    [InlineData("true", HttpStatusCode.OK)]
    [InlineData("false", HttpStatusCode.NotFound)]
    public async Task Metrics_are_served_only_while_telemetry_is_enabled(string enabled, HttpStatusCode expected)
    {
        using var directory = new TemporaryDirectory();
        var options = new SiloHostOptions().UseSqlite(directory.File("silo.db"));
        options.Configuration["Monitor:Telemetry:Enabled"] = enabled;
        await using var silo = await RunningSilo.StartAsync(options);

        using var response = await silo.Http.GetAsync("metrics", TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }
}
