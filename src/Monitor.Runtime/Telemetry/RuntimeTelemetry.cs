namespace Monitor.Runtime.Telemetry;

/// <summary>Names of the runtime's meter, activity source and instruments, for exporters and listeners.</summary>
public static class RuntimeTelemetry
{
    /// <summary>The name of the runtime's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "Monitor.Runtime";

    /// <summary>The name of the runtime's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "Monitor.Runtime";

    /// <summary>Observable gauge: activations currently held by the silo.</summary>
    public const string Activations = "monitor.runtime.activations";

    /// <summary>Counter: activations created (successfully activated).</summary>
    public const string ActivationsCreated = "monitor.runtime.activations.created";

    /// <summary>Counter: activations deactivated, tagged <c>reason</c> with a <see cref="DeactivationReasonCode"/>.</summary>
    public const string ActivationsCollected = "monitor.runtime.activations.collected";

    /// <summary>Counter: activations whose construction, state load or OnActivateAsync failed.</summary>
    public const string ActivationsFailed = "monitor.runtime.activations.failed";

    /// <summary>Counter: grain calls made, tagged <c>method</c>.</summary>
    public const string Calls = "monitor.runtime.calls";

    /// <summary>Histogram: grain call latency seen by the caller, in milliseconds, tagged <c>method</c>.</summary>
    public const string CallDuration = "monitor.runtime.calls.duration";

    /// <summary>Counter: grain calls that ended with an exception (timeouts included), tagged <c>method</c>.</summary>
    public const string CallFailures = "monitor.runtime.calls.failed";

    /// <summary>Counter: grain calls that exceeded the response timeout, tagged <c>method</c>.</summary>
    public const string CallTimeouts = "monitor.runtime.calls.timeouts";

    /// <summary>Counter: cluster mode, grain calls sent to the silo that owns the grain's partition, tagged <c>method</c> and <c>outcome</c>.</summary>
    public const string ForwardedCalls = "monitor.runtime.calls.forwarded";

    /// <summary>Histogram: cluster mode, latency of one forwarded call (one HTTP/2 round trip to the owner) in milliseconds, tagged <c>method</c>.</summary>
    public const string ForwardDuration = "monitor.runtime.calls.forward.duration";

    /// <summary>Observable gauge: turns waiting in activation queues.</summary>
    public const string QueuedTurns = "monitor.runtime.turns.queued";

    /// <summary>Histogram: storage operation latency in milliseconds, tagged <c>provider</c> and <c>operation</c> (read, write, clear).</summary>
    public const string StorageDuration = "monitor.runtime.storage.duration";

    /// <summary>Counter: storage writes or clears rejected because of an ETag conflict, tagged <c>provider</c>.</summary>
    public const string StorageConflicts = "monitor.runtime.storage.etag_conflicts";

    /// <summary>Counter: storage operations that failed, tagged <c>provider</c> and <c>operation</c>.</summary>
    public const string StorageFailures = "monitor.runtime.storage.failures";

    /// <summary>Counter: reminder ticks, tagged <c>outcome</c> (delivered or failed).</summary>
    public const string ReminderTicks = "monitor.runtime.reminders.ticks";

    /// <summary>Observable gauge: reminders scheduled on this silo (in cluster mode, those of the partitions it holds).</summary>
    public const string RemindersScheduled = "monitor.runtime.reminders.scheduled";
}
