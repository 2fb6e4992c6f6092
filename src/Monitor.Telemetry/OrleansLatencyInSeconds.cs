using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Monitor.Telemetry;

/// <summary>
/// Orleans' latency histograms (meter <c>Microsoft.Orleans</c>, unit ms) recorded again in seconds, under the same
/// instrument names, on the meter <c>Monitor.Orleans</c>: Prometheus names units in base units
/// (<c>orleans_app_requests_latency_seconds</c>), and no library converts a meter's units.
/// </summary>
public sealed class OrleansLatencyInSeconds : IDisposable
{
    /// <summary>Orleans' meter.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>The meter of the converted histograms.</summary>
    public const string MeterName = "Monitor.Orleans";

    // From 1 ms to 30 s, as Orleans' own request timeout is 30 s by default.
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Meter _meter;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Histogram<double>> _seconds = new();

    /// <summary>Starts listening: histograms Orleans created already and creates later are both converted.</summary>
    public OrleansLatencyInSeconds(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this silo's Orleans (its meters come from the same factory), when several silos share a process (tests).
            var ours = instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meterFactory);
            if (ours && PrometheusConventions.IsOrleansNonBaseUnit(instrument) && instrument.Unit == "ms" && IsHistogram(instrument))
            {
                _seconds[instrument] = _meter.CreateHistogram(instrument.Name, "s", instrument.Description,
                    advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    private static bool IsHistogram(Instrument instrument) =>
        instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>);

    private void Record(Instrument instrument, double milliseconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_seconds.TryGetValue(instrument, out var histogram))
        {
            histogram.Record(milliseconds / 1000, tags);
        }
    }
}
