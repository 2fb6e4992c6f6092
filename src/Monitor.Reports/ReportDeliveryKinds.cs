namespace Monitor.Reports;

/// <summary>
/// What a scheduled message carries: <c>link</c> (links to the report's forms, the default), <c>pdf</c> (the PDF itself) or
/// <c>csv</c> (every table as a CSV file); the links are in every message.
/// </summary>
public static class ReportDeliveryKinds
{
    public const string Link = "link";
    public const string Pdf = "pdf";
    public const string Csv = "csv";

    /// <summary>Every kind, as the API names them.</summary>
    public static readonly string[] All = [Link, Pdf, Csv];
}
