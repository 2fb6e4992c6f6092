namespace Monitor.Runtime.Reminders;

/// <summary>When a reminder tick was scheduled: the reminder's first tick, its period and this tick's due time.</summary>
public readonly record struct TickStatus(DateTimeOffset FirstTickTime, TimeSpan Period, DateTimeOffset CurrentTickTime);
