using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Monitor.Silo.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>
/// docker-compose.yml, deploy/k8s and deploy/Dockerfile stay true to the code: every variable they set takes effect, and
/// their probes, ports and scrape paths are ones the silo serves.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    // What every containerised silo of the cluster must set (the rest has defaults).
    private static readonly string[] RequiredVariables =
    [
        "ASPNETCORE_URLS", "Monitor__Storage__Provider", "Monitor__Storage__PostgresConnectionString", "Monitor__Cluster__Enabled",
        "Monitor__Cluster__SiloId", "Monitor__Cluster__InternalUrls", "Monitor__Cluster__AdvertisedAddress",
        "Monitor__Cluster__ClusterSecret", "Monitor__Security__BootstrapAdminKey",
    ];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static IReadOnlyList<SiloContainer> AllSilos => [.. SiloDeployments.Compose(), .. SiloDeployments.Kubernetes()];

    [Fact]
    public void Compose_runs_three_silos_and_kubernetes_at_least_one_silo_container()
    {
        Assert.Equal(3, SiloDeployments.Compose().Count);
        Assert.NotEmpty(SiloDeployments.Kubernetes());
    }

    [Fact]
    public void Every_variable_set_for_a_silo_binds_to_an_options_property_or_is_read_by_the_host()
    {
        var problems = new List<string>();
        foreach (var silo in AllSilos)
        {
            var referenced = silo.Environment.SelectMany(variable => References(variable.Value)).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(silo.Environment
                .Where(variable => !referenced.Contains(variable.Name))
                .Select(variable => SiloEnvironmentCheck.Problem(variable.Name, variable.Value) is { } problem ? $"{variable.Source}: {problem}" : null)
                .OfType<string>());
            if (SiloEnvironmentCheck.BinderProblem(silo.Environment) is { } binder)
            {
                problems.Add($"{silo.Source}: {binder}");
            }

            problems.AddRange(RequiredVariables.Where(name => silo.Environment.All(variable => variable.Name != name))
                .Select(name => $"{silo.Source}: {name} is not set"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("Monitor__Cluster__HeartbeatPeriod", "00:00:01", true)]
    [InlineData("Monitor__Cluster__heartbeatperiod", "00:00:02", true)]
    [InlineData("Monitor__Cluster__Heartbeat", "00:00:01", false)]
    [InlineData("Monitor__Cluster__Enabled", "yes", false)]
    [InlineData("Monitor__Cluster__Partitions", "4096", true)]
    [InlineData("Monitor__Cluster__Partitions", "many", false)]
    [InlineData("Monitor__Storage__Provider", "Postgres", true)]
    [InlineData("Monitor__Storage__Provider", "mysql", false)]
    [InlineData("Monitor__Storage__ConnectionString", "Host=x", false)]
    [InlineData("Monitor__Security__BootstrapAdminKey", "${MONITOR_BOOTSTRAP_ADMIN_KEY}", true)]
    [InlineData("Monitor__Collectors__X__BearerToken", "token", true)]
    [InlineData("Monitor__Collectors__GroupPollIntervals__turkic-leaders", "00:15:00", true)]
    [InlineData("Monitor__Collectors__X", "token", false)]
    [InlineData("Monitor__Webhook__Url", "http://example.org", false)]
    [InlineData("MONITOR_URLS", "http://0.0.0.0:8080", false)]
    [InlineData("ASPNETCORE_URLS", "http://0.0.0.0:8080", true)]
    public void The_check_refuses_variables_the_silo_would_ignore_or_misread(string name, string value, bool binds)
    {
        Assert.Equal(binds, SiloEnvironmentCheck.Problem(name, value) is null);
    }

    [Fact]
    public void The_binder_check_refuses_an_unknown_key()
    {
        var variables = new[] { new DeploymentVariable("test", "Monitor__Ingest__MaxBatchSizes", "10") };

        Assert.NotNull(SiloEnvironmentCheck.BinderProblem(variables));
        Assert.Null(SiloEnvironmentCheck.BinderProblem([variables[0] with { Name = "Monitor__Ingest__MaxBatchSize" }]));
    }

    [Fact]
    public void Kubernetes_variable_references_name_variables_defined_before_them()
    {
        foreach (var silo in SiloDeployments.Kubernetes())
        {
            for (var i = 0; i < silo.Environment.Count; i++)
            {
                foreach (var reference in References(silo.Environment[i].Value))
                {
                    Assert.True(silo.Environment.Take(i).Any(variable => variable.Name == reference),
                        $"{silo.Environment[i]} refers to $({reference}), which is not defined before it (Kubernetes would leave it unexpanded).");
                }
            }
        }
    }

    [Fact]
    public void Compose_silos_have_distinct_ids_and_addresses_reachable_by_service_name_and_wait_for_a_healthy_database()
    {
        var silos = SiloDeployments.Compose();

        Assert.Equal(silos.Count, silos.Select(silo => silo.Value("Monitor__Cluster__SiloId")).Distinct().Count());
        foreach (var silo in silos)
        {
            var service = silo.Source.Split(' ')[^1];
            Assert.Equal(service, new Uri(silo.Value("Monitor__Cluster__AdvertisedAddress")!).Host);
            Assert.Equal("service_healthy", silo.Node.Text("depends_on", "postgres", "condition"));
            Assert.Contains("Host=postgres;", silo.Value("Monitor__Storage__PostgresConnectionString"), StringComparison.Ordinal);
        }

        Assert.Single(silos.Select(silo => silo.Value("Monitor__Cluster__ClusterSecret")).Distinct());
    }

    [Fact]
    public async Task Probes_ports_and_scrape_paths_are_what_the_silo_serves()
    {
        await using var silo = await RunningSilo.StartAsync(new SiloHostOptions { Configuration = { [SiloHostOptions.StorageProviderKey] = "memory" } });
        var exposed = SiloDeployments.DockerfileExposedPorts();
        var dockerfileUrls = DockerfileUrls().Match(RepositoryFiles.Read(SiloDeployments.Dockerfile)).Groups["urls"].Value;
        foreach (var container in AllSilos)
        {
            var publicPort = SiloDeployments.PortOf(container.Value("ASPNETCORE_URLS")!);
            var internalPort = SiloDeployments.PortOf(container.Value("Monitor__Cluster__InternalUrls")!);
            Assert.Contains(publicPort, container.Ports);
            Assert.Contains(internalPort, container.Ports);
            Assert.Contains(publicPort, exposed);
            Assert.Contains(internalPort, exposed);
            Assert.Equal(publicPort, SiloDeployments.PortOf(dockerfileUrls));
            Assert.Equal(internalPort, new Uri(container.Value("Monitor__Cluster__AdvertisedAddress")!.Replace("$(POD_IP)", "10.0.0.1", StringComparison.Ordinal)).Port);

            Assert.Equal("/health/ready", Assert.Contains("readiness", container.Probes).Path);
            foreach (var (kind, (path, port)) in container.Probes)
            {
                Assert.True(port == publicPort, $"{container.Source}: the {kind} probe uses port {port}, the API listens on {publicPort}.");
                Assert.Equal(kind == "readiness" ? "/health/ready" : "/health/live", path);
                await AssertServedAsync(silo, path);
            }
        }

        var prometheus = RepositoryFiles.ReadYaml("deploy/prometheus/prometheus.yml").Single();
        var job = Assert.Single(prometheus.Sequence("scrape_configs"));
        await AssertServedAsync(silo, job.Text("metrics_path") ?? "/metrics");
        var composeServices = SiloDeployments.Compose().Select(container => container.Source.Split(' ')[^1]).ToList();
        var targets = job.Sequence("static_configs").SelectMany(config => config.Sequence("targets")).Select(target => target.ToString()).ToList();
        Assert.Equal(composeServices.Select(service => $"{service}:{SiloDeployments.PortOf(SiloDeployments.Compose()[0].Value("ASPNETCORE_URLS")!)}").Order(), targets.Order());

        var statefulSet = Assert.Single(SiloDeployments.KubernetesDocuments("StatefulSet"));
        var annotations = statefulSet.Mapping("spec", "template", "metadata", "annotations");
        await AssertServedAsync(silo, annotations.Text("prometheus.io/path")!);
        Assert.Equal(SiloDeployments.PortOf(SiloDeployments.Kubernetes()[0].Value("ASPNETCORE_URLS")!),
            int.Parse(annotations.Text("prometheus.io/port")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Kubernetes_services_target_ports_the_silo_container_declares_and_the_internal_one_is_headless()
    {
        var container = Assert.Single(SiloDeployments.Kubernetes());
        var declared = container.Node.Sequence("ports").ToDictionary(port => port.Text("name")!, port => int.Parse(port.Text("containerPort")!, CultureInfo.InvariantCulture));
        var services = SiloDeployments.KubernetesDocuments("Service");
        var statefulSet = Assert.Single(SiloDeployments.KubernetesDocuments("StatefulSet"));
        var podLabels = statefulSet.Mapping("spec", "template", "metadata", "labels").Scalars().ToList();

        foreach (var service in services)
        {
            Assert.All(service.Mapping("spec", "selector").Scalars(), label => Assert.Contains(label, podLabels));
            foreach (var port in service.Sequence("spec", "ports"))
            {
                Assert.True(declared.ContainsKey(port.Text("targetPort")!), $"Service {service.Text("metadata", "name")} targets port '{port.Text("targetPort")}', which the container does not name.");
            }
        }

        var internalPort = SiloDeployments.PortOf(container.Value("Monitor__Cluster__InternalUrls")!);
        var headless = Assert.Single(services, service => service.Text("spec", "clusterIP") == "None");
        Assert.Equal(statefulSet.Text("spec", "serviceName"), headless.Text("metadata", "name"));
        Assert.Equal("true", headless.Text("spec", "publishNotReadyAddresses"));
        Assert.Equal(internalPort, declared[headless.Sequence("spec", "ports").Single().Text("targetPort")!]);

        var budget = Assert.Single(SiloDeployments.KubernetesDocuments("PodDisruptionBudget"));
        Assert.All(budget.Mapping("spec", "selector", "matchLabels").Scalars(), label => Assert.Contains(label, podLabels));
    }

    private static async Task AssertServedAsync(RunningSilo silo, string path)
    {
        using var response = await silo.Http.GetAsync(path.TrimStart('/'), Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}.");
    }

    private static IEnumerable<string> References(string? value) =>
        value is null ? [] : KubernetesReference().Matches(value).Select(match => match.Groups["name"].Value);

    [GeneratedRegex(@"\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex KubernetesReference();

    [GeneratedRegex(@"ASPNETCORE_URLS=(?<urls>\S+)")]
    private static partial Regex DockerfileUrls();
}
