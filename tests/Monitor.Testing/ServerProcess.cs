using System.Diagnostics;
using System.Text;

namespace Monitor.Testing;

/// <summary>
/// A server program a test starts (Prometheus, Alertmanager): the process with its output kept for error messages, a
/// wait on a condition that fails with that output, and clean-up of the process and its temp folder.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServerProcess(string name, Process process, string folder)
    {
        Name = name;
        _process = process;
        Folder = folder;
    }

    /// <summary>What the messages call the server.</summary>
    public string Name { get; }

    /// <summary>The server's temp folder (configuration, storage), deleted with it.</summary>
    public string Folder { get; }

    /// <summary>Starts <paramref name="binary"/> with <paramref name="arguments"/>; <paramref name="folder"/> is removed on dispose.</summary>
    public static ServerProcess Start(string name, string binary, IEnumerable<string> arguments, string folder)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var server = new ServerProcess(name, new Process { StartInfo = startInfo }, folder);
        server._process.ErrorDataReceived += (_, line) => server.Log(line.Data);
        server._process.OutputDataReceived += (_, line) => server.Log(line.Data);
        server._process.Start();
        server._process.BeginErrorReadLine();
        server._process.BeginOutputReadLine();
        return server;
    }

    /// <summary>Polls <paramref name="condition"/> every <paramref name="period"/> until it holds; throws with the server's output after a minute or when it exits.</summary>
    public async Task WaitAsync(string what, Func<Task<bool>> condition, TimeSpan period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (!_process.HasExited)
            {
                // Not listening yet.
            }

            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                string log;
                lock (_log)
                {
                    log = _log.ToString();
                }

                throw new TimeoutException($"{Name}: '{what}' did not happen{(_process.HasExited ? $" (exited with {_process.ExitCode})" : " within a minute")}. Log:\n{log}");
            }

            await Task.Delay(period, cancellationToken);
        }
    }

    /// <summary>Kills the server and removes its folder.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Log(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
