namespace Monitor.Runtime;

/// <summary>A timer owned by one activation; its ticks run as turns of that activation and it dies with it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the next tick is due and the period between the end of a tick and the start of the next.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
