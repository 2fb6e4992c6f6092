namespace Monitor.Cluster.Tests.Processes;

/// <summary>One row of Orleans' <c>OrleansRemindersTable</c> for the test service.</summary>
public sealed record ReminderRow(string GrainId, string ReminderName, TimeSpan Period, DateTimeOffset StartTime);
