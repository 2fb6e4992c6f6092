namespace Monitor.Client;

/// <summary>Body of <c>POST /api/reports/schedules</c>: either <see cref="Group"/> or <see cref="Entities"/>; <see cref="Id"/> is generated when null.</summary>
public sealed record NewReportSchedule(string? Id, string? Group, IReadOnlyList<string>? Entities, string Cadence, string Receiver, string? Delivery);
