using System.Globalization;

namespace Monitor.Hosting.Cli;

/// <summary>
/// Names the process listening on a TCP port, from Linux's /proc (the socket's inode in /proc/net/tcp*, then the process
/// whose file descriptors include it). Null elsewhere, or when the holder belongs to another user.
/// </summary>
public static class PortHolder
{
    // /proc/net/tcp's state column for a listening socket.
    private const string ListenState = "0A";

    // Longest command line quoted in a message.
    private const int MaxCommandLength = 120;

    /// <summary>"pid 1234: dotnet Monitor.Silo.dll serve" for the process listening on <paramref name="port"/>, or null.</summary>
    public static string? Describe(int port)
    {
        try
        {
            var inodes = ListeningInodes(port);
            return inodes.Count == 0 ? null : FindProcess(inodes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static HashSet<string> ListeningInodes(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            // Columns: sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && columns[3] == ListenState
                    && int.TryParse(columns[1][(columns[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var localPort)
                    && localPort == port)
                {
                    inodes.Add(columns[9]);
                }
            }
        }

        return inodes;
    }

    private static string? FindProcess(HashSet<string> inodes)
    {
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(process);
            if (!pid.All(char.IsAsciiDigit))
            {
                continue;
            }

            try
            {
                foreach (var descriptor in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                {
                    if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                    {
                        return $"pid {pid}: {ReadCommandLine(process)}";
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another user's process, or one that just ended.
            }
        }

        return null;
    }

    // The process's command line on one line (arguments may hold line breaks), shortened to fit a message.
    private static string ReadCommandLine(string process)
    {
        var text = new string([.. File.ReadAllText(Path.Combine(process, "cmdline")).Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return text.Length <= MaxCommandLength ? text : text[..MaxCommandLength] + "...";
    }
}
