namespace Monitor.Runtime;

/// <summary>Options of <see cref="Grain.RegisterGrainTimer{TState}(Func{TState, CancellationToken, Task}, TState, GrainTimerCreationOptions)"/>.</summary>
public readonly record struct GrainTimerCreationOptions
{
    /// <summary>Creates options with a due time and a period.</summary>
    public GrainTimerCreationOptions(TimeSpan dueTime, TimeSpan period)
    {
        DueTime = dueTime;
        Period = period;
    }

    /// <summary>Time until the first tick; <see cref="Timeout.InfiniteTimeSpan"/> to create the timer stopped.</summary>
    public TimeSpan DueTime { get; init; }

    /// <summary>Time from the end of one tick to the start of the next; <see cref="Timeout.InfiniteTimeSpan"/> for a single tick.</summary>
    public TimeSpan Period { get; init; }

    /// <summary>Whether ticks may interleave with grain calls (off: a tick is an ordinary turn).</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether ticks count as activity and so keep the activation from idle collection.</summary>
    public bool KeepAlive { get; init; }
}
