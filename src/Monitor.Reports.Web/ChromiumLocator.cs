namespace Monitor.Reports.Web;

/// <summary>Finds the Chromium executable that prints reports (the same Debian package the dashboard's browser tests use).</summary>
public static class ChromiumLocator
{
    /// <summary>Environment variable naming a Chromium executable (the dashboard tests read it too).</summary>
    public const string PathVariable = "MONITOR_CHROMIUM";

    private static readonly string[] Names = ["chromium", "chromium-browser"];

    /// <summary>
    /// The executable: <paramref name="configured"/> when set (and nothing else), else <see cref="PathVariable"/>, else the first of
    /// <c>chromium</c>, <c>chromium-browser</c> on the PATH; null when there is none.
    /// </summary>
    public static string? Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } fromEnvironment)
        {
            return File.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.SelectMany(folder => Names.Select(name => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }

    /// <summary>What to tell an operator when <see cref="Find"/> found nothing.</summary>
    public static string MissingMessage(string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? $"PDF reports are printed with Chromium, which is not installed: install it (Debian: apt-get install chromium), or set {ReportOptions.SectionName}:ChromiumPath or {PathVariable} to its executable. The HTML and CSV forms of the report work without it."
            : $"PDF reports are printed with Chromium, but {ReportOptions.SectionName}:ChromiumPath names '{configured}', which does not exist. The HTML and CSV forms of the report work without it.";
}
