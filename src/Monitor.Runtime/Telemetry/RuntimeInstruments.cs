using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Monitor.Runtime.Telemetry;

/// <summary>The instruments of one silo, created from its <see cref="IMeterFactory"/> so that silos in one process stay apart.</summary>
internal sealed class RuntimeInstruments
{
    public static readonly ActivitySource ActivitySource = new(RuntimeTelemetry.ActivitySourceName);

    private long _queuedTurns;

    public RuntimeInstruments(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(new MeterOptions(RuntimeTelemetry.MeterName));
        ActivationsCreated = Meter.CreateCounter<long>(RuntimeTelemetry.ActivationsCreated, "{activation}", "Activations created");
        ActivationsCollected = Meter.CreateCounter<long>(RuntimeTelemetry.ActivationsCollected, "{activation}", "Activations deactivated, by reason");
        ActivationsFailed = Meter.CreateCounter<long>(RuntimeTelemetry.ActivationsFailed, "{activation}", "Activations that failed to activate");
        Calls = Meter.CreateCounter<long>(RuntimeTelemetry.Calls, "{call}", "Grain calls");
        CallDuration = Meter.CreateHistogram<double>(RuntimeTelemetry.CallDuration, "ms", "Grain call latency seen by the caller");
        CallFailures = Meter.CreateCounter<long>(RuntimeTelemetry.CallFailures, "{call}", "Grain calls that failed");
        CallTimeouts = Meter.CreateCounter<long>(RuntimeTelemetry.CallTimeouts, "{call}", "Grain calls that timed out");
        StorageDuration = Meter.CreateHistogram<double>(RuntimeTelemetry.StorageDuration, "ms", "Grain storage operation latency");
        StorageConflicts = Meter.CreateCounter<long>(RuntimeTelemetry.StorageConflicts, "{conflict}", "Grain storage ETag conflicts");
        StorageFailures = Meter.CreateCounter<long>(RuntimeTelemetry.StorageFailures, "{operation}", "Grain storage operations that failed");
        ForwardedCalls = Meter.CreateCounter<long>(RuntimeTelemetry.ForwardedCalls, "{call}", "Grain calls forwarded to the owner silo, by outcome");
        ForwardDuration = Meter.CreateHistogram<double>(RuntimeTelemetry.ForwardDuration, "ms", "Round trip of one forwarded grain call");
        ReminderTicks = Meter.CreateCounter<long>(RuntimeTelemetry.ReminderTicks, "{tick}", "Reminder ticks");
        Meter.CreateObservableGauge(RuntimeTelemetry.QueuedTurns, () => Volatile.Read(ref _queuedTurns), "{turn}", "Turns waiting in activation queues");
    }

    public Meter Meter { get; }

    public Counter<long> ActivationsCreated { get; }

    public Counter<long> ActivationsCollected { get; }

    public Counter<long> ActivationsFailed { get; }

    public Counter<long> Calls { get; }

    public Histogram<double> CallDuration { get; }

    public Counter<long> ForwardedCalls { get; }

    public Histogram<double> ForwardDuration { get; }

    public Counter<long> CallFailures { get; }

    public Counter<long> CallTimeouts { get; }

    public Histogram<double> StorageDuration { get; }

    public Counter<long> StorageConflicts { get; }

    public Counter<long> StorageFailures { get; }

    public Counter<long> ReminderTicks { get; }

    /// <summary>Whether anything listens to the per-call instruments or traces, so that calls need a completion callback.</summary>
    public bool ObservesCalls => CallDuration.Enabled || CallFailures.Enabled || CallTimeouts.Enabled || ActivitySource.HasListeners();

    public void TurnQueued() => Interlocked.Increment(ref _queuedTurns);

    public void TurnsDequeued(int count) => Interlocked.Add(ref _queuedTurns, -count);
}
