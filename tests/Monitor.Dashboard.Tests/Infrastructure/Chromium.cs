namespace Monitor.Dashboard.Tests.Infrastructure;

/// <summary>Finds Debian's Chromium, which Playwright drives (Playwright's own browser download is never used).</summary>
public static class Chromium
{
    /// <summary>Environment variable naming another Chromium executable.</summary>
    public const string PathVariable = "MONITOR_CHROMIUM";

    /// <summary>Where Debian's package installs it.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>The executable: <see cref="PathVariable"/> if set, else <see cref="DefaultPath"/>; throws saying how to install it when missing.</summary>
    public static string Locate(string? configured = null)
    {
        var path = configured ?? Environment.GetEnvironmentVariable(PathVariable) ?? DefaultPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The dashboard's browser tests need Chromium at {path}, which does not exist. Install Debian's package as root " +
                $"(apt-get update && apt-get install -y chromium), or set {PathVariable} to a Chromium executable. " +
                "Playwright's browser download is not used.");
        }

        return path;
    }
}
