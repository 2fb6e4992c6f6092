using Monitor.Abstractions.Accounts;

namespace Monitor.Reports;

/// <summary>One member of the group: its summary and its daily history from before the period (for charts) to the period's end.</summary>
public sealed record ReportAccountInput(AccountSummary Summary, IReadOnlyList<HistoryPoint> DailyHistory);
