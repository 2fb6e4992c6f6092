namespace Monitor.Reports.Web;

/// <summary>A file a scheduled report's message carries (base64 in its JSON): the PDF, or one CSV table.</summary>
public sealed record ReportAttachment(string Name, string ContentType, byte[] Content);
