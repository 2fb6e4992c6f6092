using System.Net;
using Monitor.Abstractions.Accounts;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Telemetry;

/// <summary><c>/metrics</c> (OpenTelemetry's Prometheus exporter) is valid Prometheus text and its counters match what was done to the silo.</summary>
public sealed class MetricsEndpointTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_parse_as_prometheus_text_and_count_the_observations_accepted_and_rejected()
    {
        using var directory = new TemporaryDirectory();
        await using var silo = await RunningSilo.StartAsync(new SiloHostOptions().UseSqlite(directory.File("silo.db")));
        var account = TestAccounts.NewKey();
        await silo.RegisterAsync(account, TestAccounts.NewGroup());
        var before = await ScrapeAsync(silo);

        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        const int accepted = 7;
        const int rejected = 2;
        const int requests = 3;
        var batches = new List<ObservationInput[]>
        {
            Enumerable.Range(0, 3).Select(day => new ObservationInput(account, start.AddDays(day), 1000 + day)).ToArray(),
            Enumerable.Range(3, 4).Select(day => new ObservationInput(account, start.AddDays(day), 1000 + day))
                .Append(new ObservationInput(account, start.AddDays(8), -5)).ToArray(),
            new[] { new ObservationInput(account, start.AddDays(9), -1), new ObservationInput(account, start.AddDays(0), 1000) },
        };
        foreach (var batch in batches)
        {
            using var response = await silo.PostObservationsAsync(batch);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var after = await ScrapeAsync(silo);

        Assert.Equal(accepted, Delta(before, after, "monitor_observations_accepted_total"));
        Assert.Equal(rejected, Delta(before, after, "monitor_observations_rejected_total", ("field", "followers")));
        Assert.Equal(1, Delta(before, after, "monitor_observations_duplicate_total"));
        Assert.Equal(requests, Delta(before, after, "monitor_ingest_duration_seconds_count"));
        Assert.True(Delta(before, after, "http_server_request_duration_seconds_count", ("http_route", "/api/observations")) >= requests);

        // Orleans' meter (Microsoft.Orleans): each ingest request called the account grain, which is active now.
        Assert.True(Delta(before, after, "orleans_app_requests_latency_seconds_count") >= requests,
            "Orleans' meter is missing or did not count the ingest requests' grain calls (orleans_app_requests_latency_seconds_count).");
        Assert.True(Total(after, "orleans_grains", ("grain_type", "account")) >= 1, "Orleans' meter does not show the active account grain (orleans_grains).");

        // The log's writer is process-wide instrumentation, so silos of tests running alongside add to it: at least ours.
        var logged = Delta(before, after, "monitor_group_commit_items_sum", ("store", "observation_log.sqlite"));
        Assert.True(logged >= accepted, $"The observation log's group commits carried {logged} rows, fewer than the {accepted} accepted.");
        Assert.True(Delta(before, after, "monitor_group_commit_duration_seconds_count", ("store", "observation_log.sqlite")) >= 1);
    }

    [Fact]
    public async Task Metrics_need_no_key_even_when_keys_exist()
    {
        await using var silo = await RunningSilo.StartAsync(new SiloHostOptions { Configuration = { [SiloHostOptions.StorageProviderKey] = "memory" } });
        await Security.KeyLifecycleTests.CreateAsync(silo, null, """{"role":"admin"}""");

        using var response = await silo.Http.GetAsync("metrics", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [InlineData("metric 1", false)]
    [InlineData("# TYPE metric counter\nmetric_total 1\n", true)]
    [InlineData("# TYPE metric counter\nmetric 1\n", false)]
    [InlineData("# TYPE metric_total counter\nmetric_total 1\n", true)]
    [InlineData("# TYPE metric_total counter\nmetric_total_total 1\n", false)]
    [InlineData("bad-name 1\n", false)]
    [InlineData("m{a=\"x\\q\"} 1\n", false)]
    [InlineData("m{a=\"x\"} one\n", false)]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 3\nh_count 1\n", false)]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n", true)]
    public void The_test_parser_refuses_what_prometheus_would_refuse(string text, bool valid)
    {
        if (valid)
        {
            PrometheusTextParser.Parse(text);
        }
        else
        {
            Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text));
        }
    }

    private static async Task<List<PrometheusSample>> ScrapeAsync(RunningSilo silo)
    {
        using var response = await silo.Http.GetAsync("metrics", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync(Cancellation)).Samples;
    }

    private static double Total(List<PrometheusSample> samples, string name, params (string, string)[] labels) =>
        samples.Where(sample => sample.Name == name && sample.Has(labels)).Sum(sample => sample.Value);

    private static double Delta(List<PrometheusSample> before, List<PrometheusSample> after, string name, params (string, string)[] labels) =>
        Total(after, name, labels) - Total(before, name, labels);
}
