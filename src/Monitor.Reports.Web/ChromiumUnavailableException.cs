namespace Monitor.Reports.Web;

/// <summary>PDF printing needs a Chromium executable that is not there; the message says what is missing and how to install it.</summary>
public sealed class ChromiumUnavailableException(string message) : Exception(message);
