using System.Diagnostics.Metrics;
using Monitor.Silo.Telemetry;

namespace Monitor.Silo.Tests.Deployment;

/// <summary>
/// The Prometheus sample names of instruments created on the meters the silo exports (<see cref="TelemetryPipeline.Meters"/>:
/// Monitor's, Orleans' <c>Microsoft.Orleans</c>, ASP.NET Core's, Npgsql's, .NET's), by Monitor's code or by the libraries
/// a running silo hosts, named as <see cref="PrometheusTextExporter"/> names them: counters <c>_total</c>, histograms
/// <c>_bucket</c>/<c>_sum</c>/<c>_count</c>, gauges and up-down counters as they are. An instrument counts from its
/// creation, before it records anything (Orleans creates its error and timeout counters with the silo; they reach
/// /metrics only once something fails).
/// </summary>
public sealed class RegisteredMetricNames : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>Starts listening; instruments created before and after are both seen.</summary>
    public RegisteredMetricNames()
    {
        _listener.InstrumentPublished = (instrument, _) =>
        {
            if (TelemetryPipeline.Meters.Contains(instrument.Meter.Name, StringComparer.Ordinal))
            {
                lock (_gate)
                {
                    _names.UnionWith(SampleNames(instrument));
                }
            }
        };
        _listener.Start();
    }

    /// <summary>The sample names seen so far.</summary>
    public IReadOnlySet<string> Names
    {
        get
        {
            lock (_gate)
            {
                return _names.ToHashSet(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The sample names the exporter writes for <paramref name="instrument"/>.</summary>
    public static IEnumerable<string> SampleNames(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = PrometheusTextExporter.BaseName(instrument.Name, instrument.Unit);
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
}
