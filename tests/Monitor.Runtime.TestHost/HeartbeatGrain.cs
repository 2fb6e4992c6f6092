using Monitor.Runtime.Reminders;

namespace Monitor.Runtime.TestHost;

/// <summary>Counts reminder ticks in durable state and prints "tick PID REMINDER COUNT" for each.</summary>
public sealed class HeartbeatGrain([PersistentState("heartbeat")] IPersistentState<HeartbeatState> heartbeat) : Grain, IHeartbeatGrain
{
    public Task StartAsync(TimeSpan period) => RegisterOrUpdateReminder("heartbeat", TimeSpan.Zero, period);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        heartbeat.State.Ticks++;
        await heartbeat.WriteStateAsync();
        Console.WriteLine($"tick {Environment.ProcessId} {reminderName} {heartbeat.State.Ticks}");
    }
}
