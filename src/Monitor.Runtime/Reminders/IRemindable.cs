namespace Monitor.Runtime.Reminders;

/// <summary>Implemented by grains that register reminders: receives each tick as an ordinary grain call.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Handles one tick; ticks may repeat around a silo restart, so handling must be idempotent.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}
