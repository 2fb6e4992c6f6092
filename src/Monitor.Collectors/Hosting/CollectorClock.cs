namespace Monitor.Collectors.Hosting;

/// <summary>The clock the collectors stamp polls with and schedule by; the silo's <see cref="TimeProvider"/> unless replaced (tests simulate hours with it).</summary>
public sealed class CollectorClock(TimeProvider time)
{
    /// <summary>The time source.</summary>
    public TimeProvider Time { get; } = time;
}
