namespace Monitor.Reports;

/// <summary>The kinds of report period: a week (Monday to Sunday, UTC), a calendar month, or a range of days.</summary>
public static class ReportPeriodKinds
{
    public const string Week = "week";
    public const string Month = "month";
    public const string Range = "range";

    /// <summary>Every kind, as the API names them.</summary>
    public static readonly string[] All = [Week, Month, Range];

    /// <summary>The kinds a schedule can repeat.</summary>
    public static readonly string[] Cadences = [Week, Month];
}
