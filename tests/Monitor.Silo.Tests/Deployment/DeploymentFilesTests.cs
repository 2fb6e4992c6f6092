using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Orleans.Configuration;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>
/// docker-compose.yml, deploy/k8s and deploy/Dockerfile stay true to the code: every variable they set takes effect, the
/// silos form one Orleans cluster (distinct addresses other silos can reach, one ClusterId and ServiceId, the silo port
/// declared where it must be and published nowhere else), and their probes, ports and scrape paths are ones the silo serves.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    // What every containerised silo of the cluster must set (the rest has defaults). ClusterId and ServiceId have defaults
    // too, but a deployment names its cluster and service so that two of them never join by accident.
    private static readonly string[] RequiredVariables =
    [
        "ASPNETCORE_URLS", "Monitor__Storage__Provider", "Monitor__Storage__PostgresConnectionString", "Monitor__Storage__ServiceId",
        "Monitor__Cluster__Enabled", "Monitor__Cluster__ClusterId", "Monitor__Cluster__SiloPort", "Monitor__Cluster__AdvertisedAddress",
        "Monitor__Security__BootstrapAdminKey",
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
    [InlineData("Monitor__Cluster__SiloPort", "11111", true)]
    [InlineData("Monitor__Cluster__siloport", "11112", true)]
    [InlineData("Monitor__Cluster__SiloPort", "eleven", false)]
    [InlineData("Monitor__Cluster__ClusterId", "monitor", true)]
    [InlineData("Monitor__Cluster__AdvertisedAddress", "$(POD_IP)", true)]
    [InlineData("Monitor__Cluster__GatewayPort", "0", true)]
    [InlineData("Monitor__Cluster__Enabled", "yes", false)]
    [InlineData("Monitor__Cluster__Membership__ProbeTimeout", "00:00:01", true)]
    [InlineData("Monitor__Cluster__membership__numMissedProbesLimit", "3", true)]
    [InlineData("Monitor__Cluster__Membership__NumMissedProbesLimit", "many", false)]
    [InlineData("Monitor__Cluster__Membership__ProbeTimeout", "1s", false)]
    [InlineData("Monitor__Cluster__Membership__HeartbeatPeriod", "00:00:01", false)]
    [InlineData("Monitor__Cluster__Membership", "fast", false)]
    [InlineData("Monitor__Cluster__SiloId", "silo-1", false)]
    [InlineData("Monitor__Cluster__InternalUrls", "http://0.0.0.0:11111", false)]
    [InlineData("Monitor__Cluster__ClusterSecret", "${MONITOR_CLUSTER_SECRET}", false)]
    [InlineData("Monitor__Cluster__HeartbeatPeriod", "00:00:01", false)]
    [InlineData("Monitor__Cluster__Partitions", "4096", false)]
    [InlineData("Monitor__Storage__ServiceId", "monitor", true)]
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
    public void The_binder_check_binds_the_membership_section_to_orleans_options_and_the_rest_of_the_cluster_section_to_monitors()
    {
        DeploymentVariable[] cluster =
        [
            new("test", "Monitor__Cluster__Enabled", "true"),
            new("test", "Monitor__Cluster__SiloPort", "11111"),
            new("test", "Monitor__Cluster__Membership__ProbeTimeout", "00:00:02"),
        ];

        Assert.Null(SiloEnvironmentCheck.BinderProblem(cluster));
        Assert.Contains(nameof(ClusterMembershipOptions), SiloEnvironmentCheck.BinderProblem([.. cluster, new("test", "Monitor__Cluster__Membership__ProbeTimeouts", "00:00:02")]));
        Assert.Contains(nameof(ClusterHostOptions), SiloEnvironmentCheck.BinderProblem([.. cluster, new("test", "Monitor__Cluster__MembershipProbeTimeout", "00:00:02")]));
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
    public void Compose_silos_are_distinct_members_of_one_cluster_that_reach_each_other_by_service_name()
    {
        var silos = SiloDeployments.Compose();

        // One cluster: the same ClusterId, ServiceId and database, cluster mode on everywhere.
        Assert.All(silos, silo => Assert.Equal("true", silo.Value("Monitor__Cluster__Enabled"), ignoreCase: true));
        Assert.Single(silos.Select(silo => silo.Value("Monitor__Cluster__ClusterId")).Distinct());
        Assert.Single(silos.Select(silo => silo.Value("Monitor__Storage__ServiceId")).Distinct());
        Assert.Single(silos.Select(silo => silo.Value("Monitor__Storage__PostgresConnectionString")).Distinct());

        // Distinct members: Orleans tells silos apart by address, so each advertises its own, a name every container on the
        // compose network resolves to it: its service name, which is also its host name.
        Assert.Equal(silos.Count, silos.Select(silo => silo.Value("Monitor__Cluster__AdvertisedAddress")).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var silo in silos)
        {
            var service = silo.Source.Split(' ')[^1];
            Assert.Equal(service, silo.Value("Monitor__Cluster__AdvertisedAddress"));
            Assert.Equal(service, silo.Node.Text("hostname"));
            Assert.Null(silo.Node.Find("network_mode"));
            Assert.Equal("service_healthy", silo.Node.Text("depends_on", "postgres", "condition"));
            Assert.Contains("Host=postgres;", silo.Value("Monitor__Storage__PostgresConnectionString"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_orleans_silo_port_is_declared_by_the_image_and_every_container_and_published_by_none()
    {
        var exposed = SiloDeployments.DockerfileExposedPorts();
        foreach (var silo in AllSilos)
        {
            var siloPort = SiloPort(silo);
            Assert.Contains(siloPort, silo.Ports);
            Assert.Contains(siloPort, exposed);
            Assert.NotEqual(SiloDeployments.PortOf(silo.Value("ASPNETCORE_URLS")!), siloPort);

            // The HTTP API is co-hosted, so no Orleans gateway is needed (and none must be reachable by clients).
            Assert.True(silo.Value("Monitor__Cluster__GatewayPort") is null or "0", $"{silo.Source} opens an Orleans gateway; the API needs none.");
        }

        // Orleans' silo-to-silo traffic is not authenticated: compose only exposes the port on its network.
        foreach (var silo in SiloDeployments.Compose())
        {
            Assert.DoesNotContain(SiloPort(silo), SiloDeployments.PublishedPorts(silo));
        }
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
            Assert.Contains(publicPort, container.Ports);
            Assert.Contains(publicPort, exposed);
            Assert.Equal(publicPort, SiloDeployments.PortOf(dockerfileUrls));

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
    public void Kubernetes_services_target_ports_the_silo_container_declares_and_the_silo_port_is_behind_the_headless_one_only()
    {
        var container = Assert.Single(SiloDeployments.Kubernetes());
        var declared = container.Node.Sequence("ports").ToDictionary(port => port.Text("name")!, port => int.Parse(port.Text("containerPort")!, CultureInfo.InvariantCulture));
        // The silos' Services (the Alertmanager's, in alertmanager.yaml, selects its own pods).
        var services = SiloDeployments.KubernetesDocuments("Service").Where(service => service.Text("metadata", "labels", "app.kubernetes.io/name") == "monitor-silo").ToList();
        var statefulSet = Assert.Single(SiloDeployments.KubernetesDocuments("StatefulSet"));
        var podLabels = statefulSet.Mapping("spec", "template", "metadata", "labels").Scalars().ToList();
        var siloPort = SiloPort(container);

        foreach (var service in services)
        {
            Assert.All(service.Mapping("spec", "selector").Scalars(), label => Assert.Contains(label, podLabels));
            foreach (var port in service.Sequence("spec", "ports"))
            {
                Assert.True(declared.ContainsKey(port.Text("targetPort")!), $"Service {service.Text("metadata", "name")} targets port '{port.Text("targetPort")}', which the container does not name.");
            }
        }

        var headless = Assert.Single(services, service => service.Text("spec", "clusterIP") == "None");
        Assert.Equal(statefulSet.Text("spec", "serviceName"), headless.Text("metadata", "name"));
        Assert.Equal("true", headless.Text("spec", "publishNotReadyAddresses"));
        var headlessPort = Assert.Single(headless.Sequence("spec", "ports"));
        Assert.Equal(siloPort, declared[headlessPort.Text("targetPort")!]);
        Assert.Equal(siloPort, int.Parse(headlessPort.Text("port")!, CultureInfo.InvariantCulture));

        // No other Service (the API's ClusterIP, or any LoadBalancer or NodePort) leads to the silo port.
        foreach (var service in services.Where(service => service != headless))
        {
            Assert.All(service.Sequence("spec", "ports"), port => Assert.NotEqual(siloPort, declared[port.Text("targetPort")!]));
        }

        var budget = Assert.Single(SiloDeployments.KubernetesDocuments("PodDisruptionBudget"));
        Assert.All(budget.Mapping("spec", "selector", "matchLabels").Scalars(), label => Assert.Contains(label, podLabels));
    }

    [Fact]
    public void Kubernetes_silos_advertise_their_pod_ip_and_share_one_cluster_id_and_service_id()
    {
        var container = Assert.Single(SiloDeployments.Kubernetes());

        // Each pod advertises its own IP, which every other pod can reach (also before it is ready, unlike its DNS name).
        Assert.Equal("status.podIP", SiloDeployments.DownwardApiField(container, "Monitor__Cluster__AdvertisedAddress"));
        Assert.Equal("true", container.Value("Monitor__Cluster__Enabled"), ignoreCase: true);

        // The ClusterId and ServiceId come from the shared ConfigMap, not from something that differs between pods.
        foreach (var name in new[] { "Monitor__Cluster__ClusterId", "Monitor__Storage__ServiceId" })
        {
            var variable = container.Environment.Last(variable => variable.Name == name);
            Assert.False(string.IsNullOrWhiteSpace(variable.Value), $"{variable.Source}: {name} has no literal value.");
            Assert.Contains(" ConfigMap ", variable.Source, StringComparison.Ordinal);
            Assert.DoesNotContain("$(", variable.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_network_policy_admits_only_silos_to_the_silo_port()
    {
        var container = Assert.Single(SiloDeployments.Kubernetes());
        var declared = container.Node.Sequence("ports").ToDictionary(port => port.Text("name")!, port => int.Parse(port.Text("containerPort")!, CultureInfo.InvariantCulture));
        var statefulSet = Assert.Single(SiloDeployments.KubernetesDocuments("StatefulSet"));
        var podLabels = statefulSet.Mapping("spec", "template", "metadata", "labels").Scalars().ToList();
        var siloPort = SiloPort(container);
        var apiPort = SiloDeployments.PortOf(container.Value("ASPNETCORE_URLS")!);

        var policy = Assert.Single(SiloDeployments.KubernetesDocuments("NetworkPolicy"),
            policy => policy.Mapping("spec", "podSelector", "matchLabels").Scalars().All(podLabels.Contains));
        Assert.Contains("Ingress", policy.Sequence("spec", "policyTypes").Select(type => type.ToString()));
        var rules = policy.Sequence("spec", "ingress");
        int PortNumber(YamlNode port) => port.Text("port") is { } text && declared.TryGetValue(text, out var named)
            ? named
            : int.Parse(port.Text("port")!, CultureInfo.InvariantCulture);
        bool Admits(YamlNode rule, int port) => rule.Sequence("ports").Count == 0 || rule.Sequence("ports").Any(entry => PortNumber(entry) == port);

        // Every rule that admits traffic to the silo port admits it only from the silo pods.
        var siloRules = rules.Where(rule => Admits(rule, siloPort)).ToList();
        Assert.NotEmpty(siloRules);
        foreach (var rule in siloRules)
        {
            var sources = rule.Sequence("from");
            Assert.NotEmpty(sources);
            Assert.All(sources, source =>
            {
                Assert.Null(source.Find("ipBlock"));
                Assert.Null(source.Find("namespaceSelector"));
                Assert.All(source.Mapping("podSelector", "matchLabels").Scalars(), label => Assert.Contains(label, podLabels));
            });
        }

        // The API stays reachable (Service, ingress controller, Prometheus, probes).
        Assert.Contains(rules, rule => Admits(rule, apiPort) && rule.Sequence("from").Count == 0);
        Assert.Contains("networkpolicy.yaml", RepositoryFiles.ReadYaml("deploy/k8s/kustomization.yaml").Single().Sequence("resources").Select(resource => resource.ToString()));
    }

    [Fact]
    public void Kubernetes_membership_settings_written_out_are_the_defaults_the_code_applies()
    {
        var container = Assert.Single(SiloDeployments.Kubernetes());
        var prefix = OrleansHosting.MembershipSectionName.Replace(":", "__", StringComparison.Ordinal) + "__";
        var written = container.Environment.Where(variable => variable.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(written);

        var defaults = new ClusterMembershipOptions();
        OrleansHosting.FastFailover(defaults);
        var configured = new ClusterMembershipOptions();
        OrleansHosting.FastFailover(configured);
        new ConfigurationBuilder()
            .AddInMemoryCollection(written.Select(variable => new KeyValuePair<string, string?>(variable.Name[prefix.Length..], variable.Value)))
            .Build()
            .Bind(configured);

        foreach (var variable in written)
        {
            var property = typeof(ClusterMembershipOptions).GetProperty(variable.Name[prefix.Length..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!;
            Assert.True(Equals(property.GetValue(defaults), property.GetValue(configured)),
                $"{variable}: OrleansHosting.FastFailover sets {property.Name} to {property.GetValue(defaults)}; the comment says the file writes out the code's defaults.");
        }
    }

    private static async Task AssertServedAsync(RunningSilo silo, string path)
    {
        using var response = await silo.Http.GetAsync(path.TrimStart('/'), Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}.");
    }

    private static int SiloPort(SiloContainer silo) =>
        int.Parse(silo.Value("Monitor__Cluster__SiloPort") ?? throw new InvalidDataException($"{silo.Source} sets no Monitor__Cluster__SiloPort."), CultureInfo.InvariantCulture);

    private static IEnumerable<string> References(string? value) =>
        value is null ? [] : KubernetesReference().Matches(value).Select(match => match.Groups["name"].Value);

    [GeneratedRegex(@"\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex KubernetesReference();

    [GeneratedRegex(@"ASPNETCORE_URLS=(?<urls>\S+)")]
    private static partial Regex DockerfileUrls();
}
