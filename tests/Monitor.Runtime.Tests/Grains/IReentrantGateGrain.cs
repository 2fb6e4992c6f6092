namespace Monitor.Runtime.Tests.Grains;

public interface IReentrantGateGrain : IGrainWithStringKey
{
    /// <summary>Signals "entered", then waits for the gate "release".</summary>
    Task<int> EnterAsync();
}
