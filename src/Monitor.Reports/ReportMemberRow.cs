namespace Monitor.Reports;

/// <summary>
/// One member's figures over the period: followers at the end of the day before the period (its last daily point before the
/// period's start) and at its last daily point within the period, the change between them and that change as a share of the first (0.05 = 5%).
/// <see cref="Source"/> says how its counts arrive (<see cref="ReportSources.Collector"/> or <see cref="ReportSources.Imported"/>).
/// </summary>
public sealed record ReportMemberRow(
    string Account,
    string Platform,
    string Name,
    long? FollowersAtStart,
    long? FollowersAtEnd,
    long? Change,
    double? ChangeShare,
    bool Synthetic,
    string Source);
