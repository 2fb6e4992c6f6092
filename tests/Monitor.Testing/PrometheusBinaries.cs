namespace Monitor.Testing;

/// <summary>Finds Prometheus' programs (<c>prometheus</c>, <c>promtool</c>): Debian's <c>prometheus</c> package, or a folder named by <see cref="BinDirectoryVariable"/>.</summary>
public static class PrometheusBinaries
{
    /// <summary>Environment variable that names a folder holding prometheus and promtool.</summary>
    public const string BinDirectoryVariable = "MONITOR_PROMETHEUS_BIN";

    private const string InstallHint =
        "Install Prometheus (Debian/Ubuntu: `apt-get install prometheus`, which .ci/run does), " +
        $"or set {BinDirectoryVariable} to the folder holding prometheus and promtool.";

    /// <summary>The full path of <paramref name="program"/>; throws, saying how to install it, when it is absent.</summary>
    public static string Find(string program)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        var configured = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        var folders = string.IsNullOrWhiteSpace(configured)
            ? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin")
            : [configured];
        return folders.Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"'{program}' was not found. " + InstallHint);
    }
}
