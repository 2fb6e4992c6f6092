namespace Monitor.Reports;

/// <summary>
/// A report sent to a webhook receiver every week or month (<see cref="Cadence"/>): the group's report for each period
/// that ends after the schedule was created, once, as soon as the period is over.
/// </summary>
public sealed record ReportSchedule(string Id, string Group, string Cadence, string Receiver, DateTimeOffset CreatedAt)
{
    /// <summary>The period due for delivery at <paramref name="now"/>: the latest complete one, unless it ended before the schedule existed.</summary>
    public ReportPeriod? DuePeriod(DateTimeOffset now)
    {
        var period = ReportPeriod.LastComplete(Cadence, now);
        return period.End > CreatedAt ? period : null;
    }
}
