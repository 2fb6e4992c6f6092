using System.Diagnostics.Metrics;
using System.Globalization;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// Collects the alert hub's <c>monitor.alerts.hub.phase.duration</c> (gate wait, reads, store write per action) while it
/// lives, for the benchmark to tell where an acknowledgement's time goes.
/// </summary>
internal sealed class HubPhases : IDisposable
{
    private readonly MeterListener _listener;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<double>> _seconds = new(StringComparer.Ordinal);

    public HubPhases() => _listener = HubPhaseListener.Start((action, phase, seconds) =>
    {
        lock (_lock)
        {
            var key = $"{action} {phase}";
            if (!_seconds.TryGetValue(key, out var list))
            {
                _seconds[key] = list = [];
            }

            list.Add(seconds);
        }
    });

    /// <summary>One line per action and phase: count, p50, p99, max in ms.</summary>
    public string Summary()
    {
        lock (_lock)
        {
            if (_seconds.Count == 0)
            {
                return "hub phases: none recorded (a build without them)";
            }

            return string.Join(Environment.NewLine, _seconds.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair =>
            {
                var sorted = pair.Value.Select(s => s * 1000).Order().ToList();
                return string.Create(CultureInfo.InvariantCulture,
                    $"hub phase {pair.Key}: n {sorted.Count}, p50 {AckToStreamLatency.Percentile(sorted, 0.5):F1}, p99 {AckToStreamLatency.Percentile(sorted, 0.99):F1}, max {sorted[^1]:F1} ms");
            }));
        }
    }

    public void Dispose() => _listener.Dispose();
}
