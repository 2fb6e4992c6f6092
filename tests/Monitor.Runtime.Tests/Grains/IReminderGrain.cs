using Monitor.Runtime.Reminders;

namespace Monitor.Runtime.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey, IRemindable
{
    Task StartAsync(string reminderName, TimeSpan dueTime, TimeSpan period);

    /// <summary>Unregisters the reminder; returns whether it existed.</summary>
    Task<bool> StopAsync(string reminderName);

    Task<IReadOnlyList<string>> ListAsync();

    Task DeactivateAsync();
}
