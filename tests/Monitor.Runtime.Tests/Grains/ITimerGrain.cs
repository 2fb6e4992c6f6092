namespace Monitor.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    /// <summary>Registers a timer whose tick n signals "tick-start", waits for gate "tick-n", then signals "tick-end".</summary>
    Task StartAsync(TimeSpan dueTime, TimeSpan period);

    /// <summary>Most ticks that ran at once.</summary>
    Task<int> GetMostConcurrentTicksAsync();

    Task DeactivateAsync();
}
