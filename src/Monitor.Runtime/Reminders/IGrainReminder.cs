namespace Monitor.Runtime.Reminders;

/// <summary>A handle to a registered reminder, used to unregister it.</summary>
public interface IGrainReminder
{
    /// <summary>The reminder's name, unique within its grain.</summary>
    string ReminderName { get; }
}
