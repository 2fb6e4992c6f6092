namespace Monitor.Silo.Tests.Deployment;

/// <summary>An environment variable a deployment file sets for a silo; <see cref="Value"/> is null when it comes from elsewhere (valueFrom).</summary>
public sealed record DeploymentVariable(string Source, string Name, string? Value)
{
    public override string ToString() => $"{Source}: {Name}={Value}";
}
