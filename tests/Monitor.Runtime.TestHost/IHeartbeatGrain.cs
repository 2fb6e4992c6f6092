using Monitor.Runtime.Reminders;

namespace Monitor.Runtime.TestHost;

public interface IHeartbeatGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Registers the durable reminder "heartbeat".</summary>
    Task StartAsync(TimeSpan period);
}
