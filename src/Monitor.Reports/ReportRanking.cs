namespace Monitor.Reports;

/// <summary>One ranking of the report: its rows in rank order (rank 1 first); members without the figure are left out.</summary>
public sealed record ReportRanking(string Id, string Title, IReadOnlyList<ReportMemberRow> Rows);
