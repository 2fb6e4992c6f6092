namespace Monitor.Reports;

/// <summary>A schedule as the API takes it: <see cref="Id"/> optional (generated), <see cref="Cadence"/> <c>week</c> or <c>month</c>.</summary>
public sealed record ReportScheduleRequest(string? Id, string? Group, string? Cadence, string? Receiver);
