using System.Diagnostics;
using System.Threading.Channels;

namespace Monitor.Runtime.Tests.Infrastructure;

/// <summary>A silo running in a child process (Monitor.Runtime.TestHost) over a SQLite file, whose output lines the test reads.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _errors = [];

    private SiloProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                {
                    _errors.Add(e.Data);
                }
            }
        };
    }

    public int Id => _process.Id;

    /// <summary>Starts the host over <paramref name="dataSource"/>; with <paramref name="register"/> it registers the heartbeat reminder.</summary>
    public static SiloProcess Start(string dataSource, bool register)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath ? hostPath : "dotnet";
        var startInfo = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("exec");
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Monitor.Runtime.TestHost.dll"));
        startInfo.ArgumentList.Add(dataSource);
        if (register)
        {
            startInfo.ArgumentList.Add("--register");
        }

        var process = new Process { StartInfo = startInfo };
        var silo = new SiloProcess(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Reads output lines until one satisfies <paramref name="predicate"/>; fails at the deadline or if the process exits first.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, List<string>? seen = null)
    {
        using var deadline = new CancellationTokenSource(Deadline.Default);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(deadline.Token);
                seen?.Add(line);
                if (predicate(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The silo process {Id} printed no matching line (exited: {_process.HasExited}); stderr: {string.Join(" | ", Errors())}");
        }
    }

    /// <summary>Kills the process as a crash would: no graceful shutdown.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(Deadline.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private string[] Errors()
    {
        lock (_errors)
        {
            return [.. _errors];
        }
    }
}
