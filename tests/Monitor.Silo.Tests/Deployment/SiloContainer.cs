using YamlDotNet.RepresentationModel;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>
/// A silo as a deployment file runs it: its environment in declaration order, the ports it publishes or exposes, and
/// its probes (kind → HTTP path and port; a compose healthcheck counts as readiness).
/// </summary>
public sealed record SiloContainer(
    string Source,
    IReadOnlyList<DeploymentVariable> Environment,
    IReadOnlyList<int> Ports,
    IReadOnlyDictionary<string, (string Path, int Port)> Probes,
    YamlMappingNode Node)
{
    /// <summary>The literal value of a variable, or null when it is not set literally.</summary>
    public string? Value(string name) => Environment.LastOrDefault(variable => variable.Name == name)?.Value;
}
