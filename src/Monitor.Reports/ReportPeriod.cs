using System.Globalization;

namespace Monitor.Reports;

/// <summary>The days a report covers, UTC, <see cref="To"/> included: a week (Monday to Sunday), a month, or a range.</summary>
public sealed record ReportPeriod(string Kind, DateOnly From, DateOnly To)
{
    /// <summary>Longest on-demand range, in days (a report reads every member's daily history over it).</summary>
    public const int MaxRangeDays = 3660;

    /// <summary>The first instant of the period.</summary>
    public DateTimeOffset Start => new(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The instant just after the period (midnight after <see cref="To"/>).</summary>
    public DateTimeOffset End => new(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>How many days the period has.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>A title: <c>week 2020-W40 (2020-09-28 to 2020-10-04)</c>, <c>October 2020</c>, or the range's dates.</summary>
    public string Label => Kind switch
    {
        ReportPeriodKinds.Week => $"week {ISOWeek.GetYear(From.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(From.ToDateTime(TimeOnly.MinValue)):00} ({Iso(From)} to {Iso(To)})",
        ReportPeriodKinds.Month => From.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        _ => $"{Iso(From)} to {Iso(To)}",
    };

    /// <summary>The week (Monday to Sunday) holding <paramref name="day"/>.</summary>
    public static ReportPeriod WeekOf(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return new ReportPeriod(ReportPeriodKinds.Week, monday, monday.AddDays(6));
    }

    /// <summary>The calendar month holding <paramref name="day"/>.</summary>
    public static ReportPeriod MonthOf(DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        return new ReportPeriod(ReportPeriodKinds.Month, first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>The days <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static ReportPeriod Between(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The range ends before it starts.");
        }

        return new ReportPeriod(ReportPeriodKinds.Range, from, to);
    }

    /// <summary>The latest week or month (<paramref name="kind"/>) that ended before <paramref name="now"/>.</summary>
    public static ReportPeriod LastComplete(string kind, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return kind switch
        {
            ReportPeriodKinds.Week => WeekOf(today).Previous(),
            ReportPeriodKinds.Month => MonthOf(today).Previous(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only weeks and months repeat."),
        };
    }

    /// <summary>The week or month before this one.</summary>
    public ReportPeriod Previous() => Kind switch
    {
        ReportPeriodKinds.Week => WeekOf(From.AddDays(-7)),
        ReportPeriodKinds.Month => MonthOf(From.AddMonths(-1)),
        _ => throw new InvalidOperationException("A range has no previous period."),
    };

    /// <summary>Whether the span <paramref name="start"/> to <paramref name="end"/> (open when null) overlaps the period.</summary>
    public bool Overlaps(DateTimeOffset start, DateTimeOffset? end) => start < End && (end ?? DateTimeOffset.MaxValue) >= Start;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
