namespace Monitor.Reports;

/// <summary>One platform's followers at the period's end within an entity's combined reach, and its share of it (0.25 = 25%).</summary>
public sealed record ReportPlatformShare(string Platform, long Followers, double Share);
