using System.Diagnostics;

namespace Monitor.Testing;

/// <summary>Prometheus' <c>promtool</c>.</summary>
public static class Promtool
{
    /// <summary>Runs <c>promtool check metrics</c> on <paramref name="exposition"/>; returns its exit code and what it printed (its problems).</summary>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var startInfo = new ProcessStartInfo(PrometheusBinaries.Find("promtool"))
        {
            ArgumentList = { "check", "metrics" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start promtool.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.WriteAsync(exposition.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }
}
