using System.Diagnostics.Metrics;
using System.Text;
using Monitor.Telemetry;
using OpenTelemetry.Metrics;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>
/// The Prometheus sample names of instruments created in this process, by meter, named as OpenTelemetry's Prometheus
/// exporter names them after the silo's view (<see cref="PrometheusConventions"/>): name sanitised, unit as a suffix
/// (<c>s</c> seconds, <c>ms</c> milliseconds, <c>By</c> bytes, annotations in braces none), counters <c>_total</c>,
/// histograms <c>_bucket</c>/<c>_sum</c>/<c>_count</c>, gauges and up-down counters as they are. An instrument counts
/// from its creation, before it records anything (Orleans creates its error and timeout counters with the silo; they
/// reach /metrics only once something fails).
/// </summary>
public sealed class RegisteredMetricNames : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly HashSet<(string Meter, string Name)> _names = [];

    /// <summary>Starts listening; instruments created before and after are both seen.</summary>
    public RegisteredMetricNames()
    {
        _listener.InstrumentPublished = (instrument, _) =>
        {
            lock (_gate)
            {
                _names.UnionWith(SampleNames(instrument).Select(name => (instrument.Meter.Name, name)));
            }
        };
        _listener.Start();
    }

    /// <summary>The sample names seen so far of instruments on <paramref name="meters"/>.</summary>
    public IReadOnlySet<string> Of(IEnumerable<string> meters)
    {
        var wanted = meters.ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            return _names.Where(name => wanted.Contains(name.Meter)).Select(name => name.Name).ToHashSet(StringComparer.Ordinal);
        }
    }

    /// <summary>The sample names the exporter writes for <paramref name="instrument"/> (none when the view drops it).</summary>
    public static IEnumerable<string> SampleNames(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var view = PrometheusConventions.View(instrument);
        if (ReferenceEquals(view, MetricStreamConfiguration.Drop))
        {
            return [];
        }

        var name = WithUnit(Sanitize(view?.Name ?? instrument.Name), instrument.Unit);
        var kind = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
        if (kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>))
        {
            return [name.EndsWith("_total", StringComparison.Ordinal) ? name : name + "_total"];
        }

        if (kind == typeof(Histogram<>))
        {
            return [name + "_bucket", name + "_sum", name + "_count"];
        }

        return [name];
    }

    public void Dispose() => _listener.Dispose();

    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var mapped = char.IsAsciiLetterOrDigit(c) || c == ':' ? c : '_';
            if (mapped != '_' || text.Length == 0 || text[^1] != '_')
            {
                text.Append(mapped);
            }
        }

        return text.ToString();
    }

    private static string WithUnit(string name, string? unit)
    {
        var suffix = unit switch
        {
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            null or "" => "",
            _ when unit.StartsWith('{') => "",
            _ => Sanitize(unit),
        };
        return suffix.Length == 0 || name.EndsWith("_" + suffix, StringComparison.Ordinal) ? name : name + "_" + suffix;
    }
}
