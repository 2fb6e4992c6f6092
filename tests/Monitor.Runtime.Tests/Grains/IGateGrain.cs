namespace Monitor.Runtime.Tests.Grains;

public interface IGateGrain : IGrainWithStringKey
{
    /// <summary>Signals "read-entered", then waits for the gate "release".</summary>
    [ReadOnly]
    Task ReadAsync(string id);

    /// <summary>Signals "write-entered", then waits for the gate "release".</summary>
    Task WriteAsync(string id);

    /// <summary>Signals "ping" and returns at once.</summary>
    [AlwaysInterleave]
    Task PingAsync();
}
