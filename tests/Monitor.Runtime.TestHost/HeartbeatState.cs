namespace Monitor.Runtime.TestHost;

/// <summary>How many ticks the heartbeat grain has received, over every life of the process.</summary>
public sealed class HeartbeatState
{
    public int Ticks { get; set; }
}
