using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Reports;
using Monitor.Api;

namespace Monitor.Reports.Web;

/// <summary>
/// Reads a report's period from the query: <c>period=week|month</c> with <c>at</c> (a day inside it; the latest complete one
/// when left out), or <c>period=range</c> with <c>from</c> and <c>to</c> (days, <c>to</c> included).
/// </summary>
public static class ReportPeriodQuery
{
    /// <summary>The period, or a 400 naming the parameter at fault.</summary>
    public static bool TryRead(string? period, string? at, string? from, string? to, DateTimeOffset now, out ReportPeriod result, out ValidationProblem? problem)
    {
        result = null!;
        problem = null;
        var kind = period ?? (from is not null || to is not null ? ReportPeriodKinds.Range : ReportPeriodKinds.Week);
        if (!ReportPeriodKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            problem = ApiProblems.InvalidField("period", period, "must be week, month or range");
            return false;
        }

        if (kind == ReportPeriodKinds.Range)
        {
            if (!TryDay("from", from, required: true, out var first, out problem) || !TryDay("to", to, required: true, out var last, out problem))
            {
                return false;
            }

            if (last < first)
            {
                problem = ApiProblems.InvalidField("to", to, $"must not be before 'from' ({from})");
                return false;
            }

            if (last.DayNumber - first.DayNumber + 1 > ReportPeriod.MaxRangeDays)
            {
                problem = ApiProblems.InvalidField("to", to, $"the range must be at most {ReportPeriod.MaxRangeDays} days");
                return false;
            }

            result = ReportPeriod.Between(first, last);
            return true;
        }

        if (!TryDay("at", at, required: false, out var day, out problem))
        {
            return false;
        }

        result = at is null
            ? ReportPeriod.LastComplete(kind, now)
            : kind == ReportPeriodKinds.Week ? ReportPeriod.WeekOf(day) : ReportPeriod.MonthOf(day);
        return true;
    }

    private static bool TryDay(string name, string? text, bool required, out DateOnly day, out ValidationProblem? problem)
    {
        problem = null;
        day = default;
        if (text is null && !required)
        {
            return true;
        }

        if (text is null || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            problem = ApiProblems.InvalidField(name, text, "must be a day as yyyy-MM-dd");
            return false;
        }

        return true;
    }
}
