using System.Net;
using Monitor.Abstractions.Accounts;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Testing;
using Xunit;

namespace Monitor.Silo.Tests.Telemetry;

/// <summary>Prometheus' own tools judge <c>/metrics</c>: promtool finds no problem in it, and a real Prometheus scrapes it.</summary>
public sealed class PrometheusToolsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private const string IngestCounter = "sum(monitor_observations_accepted_total)";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Promtool_finds_no_problem_in_the_metrics_of_a_silo_on_postgres_after_ingest()
    {
        // PostgreSQL, so Npgsql's metrics are on the page too; the ingest fills Monitor's, Orleans' and ASP.NET Core's.
        await using var silo = await RunningSilo.StartAsync(new SiloHostOptions().UsePostgres(database.ConnectionString));
        await IngestAsync(silo, 5);

        var page = await ScrapeAsync(silo);
        var (exitCode, problems) = await Promtool.CheckMetricsAsync(page, Cancellation);

        Assert.Contains("db_client_operation_duration_seconds_bucket", page, StringComparison.Ordinal);

        // The grains' stores and the silo's tables share one data source, named in Npgsql's metrics rather than by its connection string.
        Assert.Contains($"pool_name=\"{Monitor.Storage.PostgresDataSources.Name}\"", page, StringComparison.Ordinal);
        Assert.True(exitCode == 0 && problems.Length == 0, $"promtool check metrics exited with {exitCode}:\n{problems}");
    }

    [Fact]
    public async Task A_real_prometheus_finds_the_silo_up_and_its_ingest_counter_increasing()
    {
        using var directory = new TemporaryDirectory();
        await using var silo = await RunningSilo.StartAsync(new SiloHostOptions().UseSqlite(directory.File("silo.db")));
        await using var prometheus = await PrometheusServer.StartAsync(silo.Address, Cancellation);

        await prometheus.WaitAsync("the silo's target is up", async () => await prometheus.QueryAsync($"up{{job=\"{PrometheusServer.Job}\"}}", Cancellation) == 1, Cancellation);

        // Each batch raises the counter on the silo's own page; Prometheus must scrape the same value.
        double? previous = null;
        foreach (var size in new[] { 3, 4 })
        {
            await IngestAsync(silo, size);
            var expected = Total(await ScrapeAsync(silo), "monitor_observations_accepted_total");
            await prometheus.WaitAsync($"{IngestCounter} reaches {expected}", async () => await prometheus.QueryAsync(IngestCounter, Cancellation) >= expected, Cancellation);
            Assert.True(previous is null || expected >= previous + size, $"The silo's counter went from {previous} to {expected} over {size} observations.");
            previous = expected;
        }
    }

    private static async Task IngestAsync(RunningSilo silo, int count)
    {
        var account = TestAccounts.NewKey();
        await silo.RegisterAsync(account, TestAccounts.NewGroup());
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var response = await silo.PostObservationsAsync(Enumerable.Range(0, count).Select(day => new ObservationInput(account, start.AddDays(day), 1000 + day)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> ScrapeAsync(RunningSilo silo)
    {
        using var response = await silo.Http.GetAsync("metrics", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancellation);
    }

    private static double Total(string page, string name) =>
        PrometheusTextParser.Parse(page).Samples.Where(sample => sample.Name == name).Sum(sample => sample.Value);
}
