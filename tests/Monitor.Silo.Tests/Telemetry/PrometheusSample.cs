namespace Monitor.Silo.Tests.Telemetry;

/// <summary>One sample line of the Prometheus text format: metric name, labels and value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>True when every given label has the given value.</summary>
    public bool Has(params (string Name, string Value)[] labels) =>
        labels.All(label => Labels.TryGetValue(label.Name, out var value) && value == label.Value);
}
