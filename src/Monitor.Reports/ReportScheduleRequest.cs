namespace Monitor.Reports;

/// <summary>
/// A schedule as the API takes it: <see cref="Id"/> optional (generated), either <see cref="Group"/> or
/// <see cref="Entities"/> (entity ids), <see cref="Cadence"/> <c>week</c> or <c>month</c>, <see cref="Delivery"/>
/// <c>link</c> (default), <c>pdf</c> or <c>csv</c>.
/// </summary>
public sealed record ReportScheduleRequest(string? Id, string? Group, string? Cadence, string? Receiver, IReadOnlyList<string>? Entities = null, string? Delivery = null);
