using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net;
using System.Text;
using Monitor.Silo.Tests.Infrastructure;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>
/// One silo of a test cluster in a child process (<c>dotnet Monitor.Silo.dll serve</c> in cluster mode over PostgreSQL) on
/// 127.0.0.1: an HTTP port it picks itself and an Orleans silo-to-silo port chosen here (it is advertised in Orleans'
/// membership table). The test can kill it (SIGKILL), freeze and resume it (SIGSTOP, SIGCONT) or stop it gracefully (SIGTERM).
/// </summary>
public sealed class ClusterSiloProcess : IAsyncDisposable
{
    // Starts tried before a taken silo port fails the test (see StartAsync).
    private const int MaxStartAttempts = 3;

    private readonly Process _process;
    private readonly StringBuilder _log;

    private ClusterSiloProcess(int number, int siloPort, Process process, StringBuilder log, Uri address)
    {
        Number = number;
        SiloPort = siloPort;
        _process = process;
        _log = log;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Add(Monitor.AccessControl.CrossSiteRequestGuard.ClientHeader, "tests");
    }

    /// <summary>Its number in the cluster's start order (1, 2, ...).</summary>
    public int Number { get; }

    /// <summary>The test's name for it (silo-1, silo-2, ...); Orleans knows it by its address.</summary>
    public string Name => $"silo-{Number}";

    /// <summary>The Orleans silo-to-silo port: with 127.0.0.1, its row in <c>OrleansMembershipTable</c>.</summary>
    public int SiloPort { get; }

    /// <summary>The public API address.</summary>
    public Uri Address { get; }

    /// <summary>A client for the public API.</summary>
    public HttpClient Http { get; }

    /// <summary>The operating-system process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code (only after it exited).</summary>
    public int ExitCode => _process.ExitCode;

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

    /// <summary>Starts a silo of the cluster described by <paramref name="settings"/> and waits until it listens (not until it is ready).</summary>
    public static async Task<ClusterSiloProcess> StartAsync(ClusterSettings settings, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // The silo port must be known before the child starts (it is configured and advertised), so it is picked free
        // here; another process can take it before the child binds. The child then exits saying so, and starts again.
        for (var attempt = 1; ; attempt++)
        {
            var siloPort = FreePort();
            try
            {
                var (process, log, address) = await SiloLauncher.StartAsync(
                    ["serve", "--urls", "http://127.0.0.1:0", "--storage", "postgres", "--postgres", settings.ConnectionString],
                    AppContext.BaseDirectory,
                    settings.Environment(siloPort),
                    $"Silo silo-{number}",
                    cancellationToken);
                return new ClusterSiloProcess(number, siloPort, process, log, address);
            }
            catch (InvalidOperationException exception) when (attempt < MaxStartAttempts && exception.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200 (the Orleans silo is Active); fails at the deadline.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var last = "";
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Silo {Name} exited (code {_process.ExitCode}) while starting:\n{Log}");
            }

            var (ready, answer) = await IsReadyAsync(cancellationToken);
            if (ready)
            {
                return;
            }

            last = answer;
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        throw new TimeoutException($"Silo {Name} was not ready within {timeout} (last answer: {last}).\n{Log}");
    }

    /// <summary>One <c>/health/ready</c> request: whether it answered 200, and what it answered.</summary>
    public async Task<(bool Ready, string Answer)> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await Http.GetAsync("health/ready", timeout.Token);
            return (response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(timeout.Token)}");
        }
        catch (HttpRequestException exception)
        {
            return (false, exception.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, "no answer within 5 s");
        }
    }

    /// <summary>SIGKILL: the process dies at once, with no graceful leave.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>SIGSTOP: the process stops running (no probe answers, no I/O) until <see cref="ResumeAsync"/>.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT: a frozen process runs again.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>SIGTERM, then waits for the graceful stop (Orleans' shutdown: its activations deactivate, it leaves the cluster).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        await SignalAsync("TERM");
        await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(timeout);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the process to exit by itself; true when it did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            // SIGKILL ends a stopped (SIGSTOP) process on Linux too.
            await KillAsync();
        }

        _process.Dispose();
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync(CancellationToken.None);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
