using System.Diagnostics;
using System.Text;
using Monitor.Silo.Cli;

namespace Monitor.Silo.Tests.Infrastructure;

/// <summary>
/// The silo executable in a child process (<c>dotnet Monitor.Silo.dll serve</c>) on 127.0.0.1 with a port it picks,
/// so a test can kill it with SIGKILL and start it again on the same database.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;

    private SiloProcess(Process process, StringBuilder log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The address the child listens on.</summary>
    public Uri Address { get; }

    /// <summary>A client for the child.</summary>
    public HttpClient Http { get; }

    /// <summary>What the child printed so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>serve</c> over the SQLite file at <paramref name="sqlitePath"/> and waits until it listens;
    /// <paramref name="environment"/> adds variables (configuration such as <c>Monitor__Webhooks__...</c>).
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string sqlitePath, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var silo = Path.Combine(AppContext.BaseDirectory, "Monitor.Silo.dll");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(sqlitePath)!,
        };
        foreach (var argument in new[] { silo, "serve", "--urls", "http://127.0.0.1:0", "--sqlite-path", sqlitePath })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var log = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The silo exited before listening:\n{Snapshot()}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            return new SiloProcess(process, log, address);
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

    /// <summary>Kills the process tree with SIGKILL (no graceful shutdown) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
