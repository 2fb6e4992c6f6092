using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Accounts;
using Monitor.Collectors.Telemetry;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Silo.Tests.Telemetry;
using Monitor.Telemetry;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>The Grafana dashboard and its provisioning: valid JSON, the provisioned datasource, and only metrics the code registers.</summary>
public sealed class GrafanaDashboardTests
{
    private const string DashboardFile = "deploy/grafana/dashboards/monitor.json";

    // The exporter's one sample of the resource's attributes.
    private const string TargetInfo = "target_info";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_metric_the_dashboard_queries_is_one_the_silo_registers_under_the_name_it_exports()
    {
        // The instruments are read from a running silo: Monitor's and Orleans' (which Orleans creates on the silo's
        // Microsoft.Orleans meter as the silo starts), and Monitor.Storage's, created at the first group commit of SQL storage.
        using var registered = new RegisteredMetricNames();
        using var directory = new TemporaryDirectory();
        await using var silo = await RunningSilo.StartAsync(new SiloHostOptions().UseSqlite(directory.File("silo.db")));

        // The collectors are off in test silos; their instruments come from the class the collectors use.
        await using (var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider())
        {
            _ = new CollectorInstruments(metrics.GetRequiredService<IMeterFactory>());
        }

        var account = TestAccounts.NewKey();
        await silo.RegisterAsync(account, TestAccounts.NewGroup());
        using (var ingest = await silo.PostObservationsAsync([new ObservationInput(account, DateTimeOffset.UtcNow.AddHours(-1), 1000)]))
        {
            Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        }

        using var scrape = await silo.Http.GetAsync("metrics", Cancellation);
        var samples = PrometheusTextParser.Parse(await scrape.Content.ReadAsStringAsync(Cancellation)).Samples;
        var scraped = samples.Select(sample => sample.Name).ToHashSet();

        // The exported meters: Monitor's and Orleans', and those the instrumentation packages added (each sample names its meter).
        var meters = samples.Select(sample => sample.Labels.GetValueOrDefault("otel_scope_name")).OfType<string>().Concat(ServiceTelemetry.Meters);
        var known = registered.Of(meters).Append(TargetInfo).ToHashSet(StringComparer.Ordinal);

        // The names derived from the instruments are the names the exporter writes (else the check below proves nothing),
        // for Monitor's meters and Orleans' alike: the running silo's /metrics holds samples of each, all of them known.
        Assert.Contains("monitor_observations_accepted_total", scraped);
        Assert.Contains("monitor_storage_batch_size_count", scraped);
        Assert.Contains("orleans_app_requests_latency_seconds_count", scraped);
        Assert.Contains("http_server_request_duration_seconds_count", scraped);
        Assert.Contains("dotnet_gc_collections_total", scraped);
        Assert.Contains("orleans_catalog_activations", scraped);
        Assert.Empty(scraped.Except(known));

        var unknown = new List<string>();
        foreach (var (where, expression, names) in Queries())
        {
            Assert.True(names.Count > 0, $"{where}: no metric name found in '{expression}'.");
            unknown.AddRange(names.Where(name => !known.Contains(name)).Select(name => $"{where}: {name}"));
        }

        Assert.True(unknown.Count == 0, "Not registered by the code: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Every_panel_and_variable_reads_the_provisioned_datasource_and_grafana_loads_the_dashboard_folder()
    {
        var datasource = Assert.Single(RepositoryFiles.ReadYaml("deploy/grafana/provisioning/datasources/prometheus.yaml").Single().Sequence("datasources"));
        var uid = datasource.Text("uid");
        Assert.Equal("prometheus", datasource.Text("type"));
        using var dashboard = JsonDocument.Parse(RepositoryFiles.Read(DashboardFile));

        var references = DatasourceUids(dashboard.RootElement).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, reference => Assert.Equal(uid, reference));

        var provider = Assert.Single(RepositoryFiles.ReadYaml("deploy/grafana/provisioning/dashboards/monitor.yaml").Single().Sequence("providers"));
        var grafana = RepositoryFiles.ReadYaml(SiloDeployments.ComposeFile).Single().Mapping("services", "grafana");
        var mounts = grafana.Sequence("volumes").Select(volume => volume.ToString().Split(':')).ToList();
        Assert.Contains(mounts, mount => mount[0] == "./deploy/grafana/dashboards" && mount[1] == provider.Text("options", "path"));
        Assert.Contains(mounts, mount => mount[0] == "./deploy/grafana/provisioning" && mount[1] == "/etc/grafana/provisioning");
        Assert.True(File.Exists(RepositoryFiles.PathOf(DashboardFile)));
    }

    [Theory]
    [InlineData("sum by (instance) (rate(monitor_observations_accepted_total{instance=~\"$instance\"}[$__rate_interval]))", "monitor_observations_accepted_total")]
    [InlineData("histogram_quantile(0.99, sum by (le, method) (rate(monitor_x_bucket{a=\"rate(b) or c\"}[5m])))", "monitor_x_bucket")]
    [InlineData("max by (change, kind) (increase(a_total[1h])) / on(instance) group_left b_gauge offset 5m", "a_total b_gauge")]
    [InlineData("monitor_bogus_total > 1e3 and bool up", "monitor_bogus_total up")]
    public void The_extractor_finds_the_metric_names_and_nothing_else(string expression, string expected)
    {
        Assert.Equal(expected.Split(' '), PromQlMetricNames.Extract(expression));
    }

    [Fact]
    public void A_label_values_variable_query_yields_its_metric_not_its_label()
    {
        Assert.Equal(["orleans_catalog_activations"], PromQlMetricNames.ExtractFromVariableQuery("label_values(orleans_catalog_activations, instance)"));
    }

    private static IEnumerable<(string Where, string Expression, IReadOnlyList<string> Names)> Queries()
    {
        using var dashboard = JsonDocument.Parse(RepositoryFiles.Read(DashboardFile));
        var root = dashboard.RootElement;
        var found = new List<(string, string, IReadOnlyList<string>)>();
        foreach (var panel in root.GetProperty("panels").EnumerateArray().Where(panel => panel.TryGetProperty("targets", out _)))
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                var expression = target.GetProperty("expr").GetString()!;
                found.Add(($"panel '{panel.GetProperty("title").GetString()}' {target.GetProperty("refId").GetString()}", expression, PromQlMetricNames.Extract(expression)));
            }
        }

        foreach (var variable in root.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            var query = variable.GetProperty("query").GetProperty("query").GetString()!;
            found.Add(($"variable '{variable.GetProperty("name").GetString()}'", query, PromQlMetricNames.ExtractFromVariableQuery(query)));
        }

        Assert.True(found.Count >= 20, $"Only {found.Count} queries found in {DashboardFile}.");
        return found;
    }

    private static IEnumerable<string?> DatasourceUids(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "datasource")
                {
                    yield return property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("uid", out var uid) ? uid.GetString() : property.Value.ToString();
                }
                else
                {
                    foreach (var nested in DatasourceUids(property.Value))
                    {
                        yield return nested;
                    }
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var nested in DatasourceUids(item))
                {
                    yield return nested;
                }
            }
        }
    }
}
