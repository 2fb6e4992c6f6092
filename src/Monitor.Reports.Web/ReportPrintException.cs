namespace Monitor.Reports.Web;

/// <summary>Chromium was there but printing a scheduled report's PDF failed (it exited with an error or timed out); worth retrying.</summary>
public sealed class ReportPrintException(string message, Exception inner) : Exception(message, inner);
