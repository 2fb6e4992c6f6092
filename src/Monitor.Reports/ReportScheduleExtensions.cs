using Monitor.Abstractions.Reports;

namespace Monitor.Reports;

/// <summary>What a <see cref="ReportSchedule"/> reports on, what its messages carry, and which period is due.</summary>
public static class ReportScheduleExtensions
{
    extension(ReportSchedule schedule)
    {
        /// <summary>What the schedule reports on (titled by its id list until the loader names the entities).</summary>
        public ReportSubject Subject =>
            schedule.Entities is { Count: > 0 } ids ? ReportSubject.Entities(ids) : ReportSubject.Group(schedule.Group!);

        /// <summary>What its messages carry, one of <see cref="ReportDeliveryKinds"/>.</summary>
        public string DeliveryKind => schedule.Delivery ?? ReportDeliveryKinds.Link;

        /// <summary>The period due for delivery at <paramref name="now"/>: the latest complete one, unless it ended before the schedule existed.</summary>
        public ReportPeriod? DuePeriod(DateTimeOffset now)
        {
            var period = ReportPeriod.LastComplete(schedule.Cadence, now);
            return period.End > schedule.CreatedAt ? period : null;
        }
    }
}
