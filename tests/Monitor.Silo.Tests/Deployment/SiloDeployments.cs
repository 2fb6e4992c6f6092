using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>The silos that docker-compose.yml and the Kubernetes manifests in deploy/k8s run.</summary>
public static partial class SiloDeployments
{
    /// <summary>The compose file.</summary>
    public const string ComposeFile = "docker-compose.yml";

    /// <summary>The folder of the Kubernetes manifests.</summary>
    public const string KubernetesFolder = "deploy/k8s";

    /// <summary>The Dockerfile of the silo image.</summary>
    public const string Dockerfile = "deploy/Dockerfile";

    /// <summary>The compose services built from the silo's Dockerfile.</summary>
    public static IReadOnlyList<SiloContainer> Compose()
    {
        var services = RepositoryFiles.ReadYaml(ComposeFile).Single().Mapping("services");
        var silos = new List<SiloContainer>();
        foreach (var (key, value) in services.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (value.Text("build", "dockerfile") != Dockerfile)
            {
                continue;
            }

            var source = $"{ComposeFile} service {name}";
            var environment = value.Find("environment") switch
            {
                YamlMappingNode map => map.Scalars().Select(entry => new DeploymentVariable(source, entry.Key, entry.Value)).ToList(),
                YamlSequenceNode list => list.Children.Select(item => ((YamlScalarNode)item).Value!.Split('=', 2))
                    .Select(pair => new DeploymentVariable(source, pair[0], pair.Length > 1 ? pair[1] : null)).ToList(),
                _ => [],
            };
            var ports = value.Sequence("ports").Select(port => ContainerPort(((YamlScalarNode)port).Value!))
                .Concat(value.Sequence("expose").Select(port => int.Parse(((YamlScalarNode)port).Value!, CultureInfo.InvariantCulture)))
                .ToList();
            var probes = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
            var test = string.Join(' ', value.Sequence("healthcheck", "test").Select(part => ((YamlScalarNode)part).Value));
            if (HealthcheckRequest().Match(test) is { Success: true } request)
            {
                probes["readiness"] = (request.Groups["path"].Value, int.Parse(request.Groups["port"].Value, CultureInfo.InvariantCulture));
            }

            silos.Add(new SiloContainer(source, environment, ports, probes, (YamlMappingNode)value));
        }

        return silos;
    }

    /// <summary>The silo containers of the StatefulSets and Deployments labelled monitor-silo in deploy/k8s (not the Alertmanager's), with the ConfigMaps and Secrets they load.</summary>
    public static IReadOnlyList<SiloContainer> Kubernetes()
    {
        var documents = RepositoryFiles.YamlFilesBelow(KubernetesFolder)
            .SelectMany(file => RepositoryFiles.ReadYaml(file).Select(document => (File: file, Document: document)))
            .ToList();
        var silos = new List<SiloContainer>();
        foreach (var (file, workload) in documents.Where(d => d.Document.Text("kind") is "StatefulSet" or "Deployment"
            && d.Document.Text("metadata", "labels", "app.kubernetes.io/name") == "monitor-silo"))
        {
            foreach (var container in workload.Sequence("spec", "template", "spec", "containers").Cast<YamlMappingNode>())
            {
                var source = $"{file} {workload.Text("kind")} {workload.Text("metadata", "name")} container {container.Text("name")}";
                var environment = new List<DeploymentVariable>();
                foreach (var from in container.Sequence("envFrom"))
                {
                    var (kind, name) = from.Text("configMapRef", "name") is { } map ? ("ConfigMap", map) : ("Secret", from.Text("secretRef", "name")!);
                    var referenced = documents.Where(d => d.Document.Text("kind") == kind && d.Document.Text("metadata", "name") == name).ToList();
                    if (referenced.Count == 0)
                    {
                        throw new InvalidDataException($"{source}: envFrom names {kind} '{name}', which no file in {KubernetesFolder} defines.");
                    }

                    foreach (var (refFile, document) in referenced)
                    {
                        foreach (var dataKey in new[] { "data", "stringData" })
                        {
                            if (document.Find(dataKey) is YamlMappingNode data)
                            {
                                environment.AddRange(data.Scalars().Select(entry =>
                                    new DeploymentVariable($"{refFile} {kind} {name}", entry.Key, dataKey == "data" && kind == "Secret" ? null : entry.Value)));
                            }
                        }
                    }
                }

                environment.AddRange(container.Sequence("env").Select(variable =>
                    new DeploymentVariable(source, variable.Text("name")!, variable.Text("value"))));
                var namedPorts = container.Sequence("ports").ToDictionary(
                    port => port.Text("name") ?? port.Text("containerPort")!,
                    port => int.Parse(port.Text("containerPort")!, CultureInfo.InvariantCulture),
                    StringComparer.Ordinal);
                var probes = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
                foreach (var kind in new[] { "startup", "readiness", "liveness" })
                {
                    if (container.Find($"{kind}Probe", "httpGet") is YamlMappingNode get)
                    {
                        var port = get.Text("port")!;
                        probes[kind] = (get.Text("path")!, namedPorts.TryGetValue(port, out var number) ? number : int.Parse(port, CultureInfo.InvariantCulture));
                    }
                }

                silos.Add(new SiloContainer(source, environment, namedPorts.Values.ToList(), probes, container));
            }
        }

        return silos;
    }

    /// <summary>Every Kubernetes document in deploy/k8s of the given kind.</summary>
    public static IReadOnlyList<YamlMappingNode> KubernetesDocuments(string kind) =>
        RepositoryFiles.YamlFilesBelow(KubernetesFolder).SelectMany(RepositoryFiles.ReadYaml).Where(document => document.Text("kind") == kind).ToList();

    /// <summary>The ports a Dockerfile's EXPOSE lines name.</summary>
    public static IReadOnlyList<int> DockerfileExposedPorts() =>
        RepositoryFiles.Read(Dockerfile).Split('\n')
            .Where(line => line.StartsWith("EXPOSE ", StringComparison.Ordinal))
            .SelectMany(line => line["EXPOSE ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(port => int.Parse(port.Split('/')[0], CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>The container ports a compose service publishes on the host ('ports'; 'expose' only opens them to the compose network).</summary>
    public static IReadOnlyList<int> PublishedPorts(SiloContainer silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.Node.Sequence("ports").Select(port => ContainerPort(((YamlScalarNode)port).Value!)).ToList();
    }

    /// <summary>
    /// The downward-API field (<c>valueFrom.fieldRef.fieldPath</c>) a Kubernetes container variable takes its value from,
    /// directly or through a value that is only a <c>$(OTHER)</c> reference to such a variable; null otherwise.
    /// </summary>
    public static string? DownwardApiField(SiloContainer silo, string name)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var followed = new HashSet<string>(StringComparer.Ordinal);
        while (followed.Add(name))
        {
            var variable = silo.Node.Sequence("env").LastOrDefault(entry => entry.Text("name") == name);
            if (variable?.Text("valueFrom", "fieldRef", "fieldPath") is { } field)
            {
                return field;
            }

            if (variable?.Text("value") is not { } value || WholeReference().Match(value) is not { Success: true } reference)
            {
                return null;
            }

            name = reference.Groups["name"].Value;
        }

        return null;
    }

    /// <summary>The port of the first URL in a semicolon-separated list (the silo needs explicit ports).</summary>
    public static int PortOf(string urls) => new Uri(urls.Split(';')[0]).Port;

    // "8081:8080" or "127.0.0.1:8081:8080/tcp": the container side is the last number.
    private static int ContainerPort(string mapping) =>
        int.Parse(mapping.Split('/')[0].Split(':')[^1], CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/dev/tcp/[^/\s]+/(?<port>\d+).*GET (?<path>/\S*) HTTP")]
    private static partial Regex HealthcheckRequest();

    [GeneratedRegex(@"^\$\((?<name>[A-Za-z_][A-Za-z0-9_]*)\)$")]
    private static partial Regex WholeReference();
}
