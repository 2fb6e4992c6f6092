using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Monitor.Runtime.Tests.Infrastructure;

/// <summary>Records the measurements of one silo's <c>Monitor.Runtime</c> meter (other silos in the process are ignored).</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    public MetricRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.Start();
    }

    /// <summary>Sum of the measurements of <paramref name="instrument"/>, optionally only those tagged <paramref name="tag"/>.</summary>
    public double Sum(string instrument, KeyValuePair<string, object?>? tag = null) =>
        _measurements
            .Where(m => m.Instrument == instrument && (tag is null || m.Tags.Any(t => t.Key == tag.Value.Key && Equals(t.Value, tag.Value.Value))))
            .Sum(m => m.Value);

    /// <summary>Number of measurements recorded for <paramref name="instrument"/>.</summary>
    public int Count(string instrument) => _measurements.Count(m => m.Instrument == instrument);

    /// <summary>Reads the current value of an observable gauge.</summary>
    public double Observe(string instrument)
    {
        var before = _measurements.Count(m => m.Instrument == instrument);
        _listener.RecordObservableInstruments();
        return _measurements.Where(m => m.Instrument == instrument).Skip(before).Last().Value;
    }

    public void Dispose() => _listener.Dispose();
}
