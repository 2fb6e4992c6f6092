namespace Monitor.Testing;

/// <summary>
/// Finds Alertmanager's programs: Debian's <c>prometheus-alertmanager</c> package (<c>prometheus-alertmanager</c>,
/// <c>amtool</c>), an upstream build (<c>alertmanager</c>), or a folder named by <see cref="BinDirectoryVariable"/>.
/// </summary>
public static class AlertmanagerBinaries
{
    /// <summary>Environment variable that names a folder holding the Alertmanager and amtool.</summary>
    public const string BinDirectoryVariable = "MONITOR_ALERTMANAGER_BIN";

    private const string InstallHint =
        "Install Alertmanager (Debian/Ubuntu: `apt-get install prometheus-alertmanager`, which .ci/run does), " +
        $"or set {BinDirectoryVariable} to the folder holding alertmanager and amtool.";

    /// <summary>The Alertmanager server program.</summary>
    public static string Server() => Find("prometheus-alertmanager", "alertmanager");

    /// <summary>Alertmanager's command-line tool.</summary>
    public static string Amtool() => Find("amtool");

    private static string Find(params string[] programs)
    {
        var configured = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        var folders = string.IsNullOrWhiteSpace(configured)
            ? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin")
            : [configured];
        return folders.SelectMany(folder => programs.Select(program => Path.Combine(folder, program))).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"'{string.Join("' or '", programs)}' was not found. " + InstallHint);
    }
}
