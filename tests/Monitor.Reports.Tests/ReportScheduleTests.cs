using Monitor.Abstractions.Reports;
using Monitor.Reports;
using Xunit;

namespace Monitor.Reports.Tests;

public sealed class ReportScheduleTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero); // a Wednesday

    [Fact]
    public void A_weekly_schedule_delivers_nothing_for_the_week_that_ended_before_it_existed()
    {
        var schedule = new ReportSchedule("s", "turkic-mfa", ReportPeriodKinds.Week, "ops", Created);
        Assert.Null(schedule.DuePeriod(Created));
        Assert.Null(schedule.DuePeriod(Created.AddDays(4))); // Sunday: the week is not over yet
    }

    [Fact]
    public void A_weekly_schedule_delivers_the_week_it_was_created_in_once_that_week_is_over()
    {
        var schedule = new ReportSchedule("s", "turkic-mfa", ReportPeriodKinds.Week, "ops", Created);
        var monday = new DateTimeOffset(2026, 12, 7, 0, 0, 1, TimeSpan.Zero);
        Assert.Equal(ReportPeriod.WeekOf(new DateOnly(2026, 11, 30)), schedule.DuePeriod(monday));
        Assert.Equal(ReportPeriod.WeekOf(new DateOnly(2026, 12, 7)), schedule.DuePeriod(monday.AddDays(7)));
    }

    [Fact]
    public void A_monthly_schedule_delivers_each_month_after_it()
    {
        var schedule = new ReportSchedule("s", "turkic-mfa", ReportPeriodKinds.Month, "ops", Created);
        Assert.Null(schedule.DuePeriod(new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero)));
        Assert.Equal(ReportPeriod.MonthOf(new DateOnly(2026, 12, 1)), schedule.DuePeriod(new DateTimeOffset(2027, 1, 1, 0, 1, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("bad id!", "g", "week", "ops", "id")]
    [InlineData(null, "", "week", "ops", "group")]
    [InlineData(null, "g", "daily", "ops", "cadence")]
    [InlineData(null, "g", "range", "ops", "cadence")]
    [InlineData(null, "g", "month", null, "receiver")]
    public void A_request_names_the_field_it_gets_wrong(string? id, string? group, string? cadence, string? receiver, string field)
    {
        Assert.False(ReportScheduleRules.TryValidate(new ReportScheduleRequest(id, group, cadence, receiver), out var named, out var reason));
        Assert.Equal(field, named);
        Assert.NotEmpty(reason);
    }

    [Theory]
    [InlineData("g", "a,b", null, "entities")]
    [InlineData(null, null, null, "group")]
    [InlineData(null, "a, ", null, "entities")]
    [InlineData("g", null, "zip", "delivery")]
    public void A_request_names_its_subject_or_delivery_when_they_are_wrong(string? group, string? entities, string? delivery, string field)
    {
        var ids = entities?.Split(',').Select(id => id.Trim()).ToList();
        Assert.False(ReportScheduleRules.TryValidate(new ReportScheduleRequest(null, group, "week", "ops", ids, delivery), out var named, out _));
        Assert.Equal(field, named);
    }

    [Fact]
    public void An_entity_list_schedule_reports_on_its_entities_in_one_canonical_order_and_delivers_links_by_default()
    {
        Assert.True(ReportScheduleRules.TryValidate(new ReportScheduleRequest(null, null, "month", "ops", ["mfa-az", "ilham-aliyev"], "pdf"), out _, out _));
        var schedule = new ReportSchedule("s", null, ReportPeriodKinds.Month, "ops", Created, ["mfa-az", "ilham-aliyev", "mfa-az"]);
        Assert.Equal(new ReportSubject(ReportSubject.EntitiesKind, "ilham-aliyev,mfa-az", "ilham-aliyev, mfa-az"), schedule.Subject);
        Assert.Equal(["ilham-aliyev", "mfa-az"], schedule.Subject.EntityIds);
        Assert.Equal(ReportDeliveryKinds.Link, schedule.DeliveryKind);
        Assert.True(schedule.Subject.OwnsIncidentGroup("entity:mfa-az"));
        Assert.False(schedule.Subject.OwnsIncidentGroup("mfa-az"));
    }

    [Fact]
    public void A_complete_request_is_valid() =>
        Assert.True(ReportScheduleRules.TryValidate(new ReportScheduleRequest("weekly-mfa", "turkic-mfa", "week", "ops"), out _, out _));
}
