namespace Monitor.Runtime.Tests.Grains;

public interface ITickingGrain : IGrainWithStringKey
{
    /// <summary>Registers a timer that signals "tick:key" on each tick.</summary>
    Task StartAsync(TimeSpan period, bool keepAlive);
}
