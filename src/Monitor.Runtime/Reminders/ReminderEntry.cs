namespace Monitor.Runtime.Reminders;

/// <summary>One durable reminder row: which grain, which reminder, when it first fires and how often.</summary>
public sealed record ReminderEntry(GrainId GrainId, string ReminderName, DateTimeOffset StartAt, TimeSpan Period, string? ETag);
