using System.Diagnostics.Metrics;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// Listens to the alert hub's <c>monitor.alerts.hub.phase.duration</c> and hands each measurement's action, phase and
/// seconds to <paramref name="onPhase"/>, on the thread that recorded it (as the phase ends).
/// </summary>
internal static class HubPhaseListener
{
    public static MeterListener Start(Action<string?, string?, double> onPhase)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Monitor" && instrument.Name == "monitor.alerts.hub.phase.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            string? action = null, phase = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "action")
                {
                    action = tag.Value as string;
                }
                else if (tag.Key == "phase")
                {
                    phase = tag.Value as string;
                }
            }

            onPhase(action, phase, seconds);
        });
        listener.Start();
        return listener;
    }
}
