namespace Monitor.Runtime.Reminders;

/// <summary>The handle returned to a grain for one of its reminders.</summary>
internal sealed record GrainReminder(GrainId GrainId, string ReminderName, string? ETag) : IGrainReminder;
