namespace Monitor.Testing;

/// <summary>Finds the PostgreSQL server binaries (initdb, pg_ctl) on this machine.</summary>
public static class PostgresBinaries
{
    /// <summary>Environment variable that names a folder holding initdb and pg_ctl.</summary>
    public const string BinDirectoryVariable = "MONITOR_PG_BIN";

    /// <summary>The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasServerBinaries(configured) ? configured : null;
        }

        // Debian and Ubuntu keep one folder per major version; prefer the newest.
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
                .Where(candidate => HasServerBinaries(candidate.Dir))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Dir)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(HasServerBinaries);
    }

    private static bool HasServerBinaries(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
}
