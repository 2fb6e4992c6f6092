namespace Monitor.Runtime.Configuration;

/// <summary>Reminder options.</summary>
public sealed class ReminderOptions
{
    /// <summary>Shortest period a reminder may have; reminders are for coarse, durable schedules (use grain timers below it).</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
