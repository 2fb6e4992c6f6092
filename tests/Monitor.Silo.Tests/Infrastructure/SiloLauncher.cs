using System.Diagnostics;
using System.Text;
using Monitor.Hosting.Cli;

namespace Monitor.Silo.Tests.Infrastructure;

/// <summary>
/// Starts the silo executable (<c>dotnet Monitor.Silo.dll ...</c>) as a child process, collects what it prints, and waits
/// for its "listening" banner. Shared as source with the cluster tests.
/// </summary>
public static class SiloLauncher
{
    /// <summary>The silo's arguments after the executable, the working directory and extra environment variables.</summary>
    public static async Task<(Process Process, StringBuilder Log, Uri Address)> StartAsync(
        IEnumerable<string> arguments, string workingDirectory, IEnumerable<KeyValuePair<string, string>> environment, string name, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        startInfo.ArgumentList.Add(SiloExecutable.DllPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (variable, value) in environment)
        {
            startInfo.Environment[variable] = value;
        }

        var log = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{name} exited before listening:\n{Snapshot()}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
            return (process, log, address);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
            }

            if (line.StartsWith(ServeCommand.ListeningBanner, StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(line[ServeCommand.ListeningBanner.Length..].Trim()));
            }
        }

        string Snapshot()
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }
}
