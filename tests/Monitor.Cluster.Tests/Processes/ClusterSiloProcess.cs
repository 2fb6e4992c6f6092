using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Monitor.Silo.Tests.Infrastructure;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>
/// One silo of a test cluster in a child process (<c>dotnet Monitor.Silo.dll serve</c> in cluster mode over PostgreSQL) on
/// 127.0.0.1: a public port it picks and an internal HTTP/2 port chosen here. The test can kill it (SIGKILL), freeze and
/// resume it (SIGSTOP, SIGCONT) or stop it gracefully (SIGTERM).
/// </summary>
public sealed class ClusterSiloProcess : IAsyncDisposable
{
    // Starts tried before a taken internal port fails the test (see StartAsync).
    private const int MaxStartAttempts = 3;

    private readonly Process _process;
    private readonly StringBuilder _log;

    private ClusterSiloProcess(string siloId, Process process, StringBuilder log, Uri address, Uri internalAddress)
    {
        SiloId = siloId;
        _process = process;
        _log = log;
        Address = address;
        InternalAddress = internalAddress;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The silo id it joined under (the membership table's silo_id).</summary>
    public string SiloId { get; }

    /// <summary>The public API address.</summary>
    public Uri Address { get; }

    /// <summary>The internal (silo-to-silo) address it advertises.</summary>
    public Uri InternalAddress { get; }

    /// <summary>A client for the public API.</summary>
    public HttpClient Http { get; }

    /// <summary>The operating-system process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

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
    public static async Task<ClusterSiloProcess> StartAsync(ClusterSettings settings, string siloId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // The internal port must be known before the child starts (it is advertised), so it is picked free here; another
        // process can take it before the child binds. The child then exits saying so, and starts again on a new port.
        for (var attempt = 1; ; attempt++)
        {
            var internalAddress = new Uri($"http://127.0.0.1:{FreePort()}");
            try
            {
                var (process, log, address) = await SiloLauncher.StartAsync(
                    ["serve", "--urls", "http://127.0.0.1:0", "--storage", "postgres", "--postgres", settings.ConnectionString],
                    AppContext.BaseDirectory,
                    settings.Environment(siloId, internalAddress),
                    $"Silo {siloId}",
                    cancellationToken);
                return new ClusterSiloProcess(siloId, process, log, address, internalAddress);
            }
            catch (InvalidOperationException exception) when (attempt < MaxStartAttempts && exception.Message.Contains($"{internalAddress.Authority}: address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200 (joined, holding its share of partitions); fails at the deadline.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var last = "";
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Silo {SiloId} exited while starting:\n{Log}");
            }

            try
            {
                using var response = await Http.GetAsync("health/ready", cancellationToken);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        throw new TimeoutException($"Silo {SiloId} was not ready within {timeout} (last answer: {last}).\n{Log}");
    }

    /// <summary>SIGKILL: the process dies at once, with no graceful leave.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
    }

    /// <summary>SIGSTOP: the process stops running (no heartbeat, no I/O) until <see cref="ResumeAsync"/>.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT: a frozen process runs again.</summary>
    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>SIGTERM, then waits for the graceful stop (hand-off of its partitions) to finish.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        await SignalAsync("TERM");
        await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            // A frozen process ignores SIGKILL only until it is continued; SIGKILL works on a stopped process on Linux.
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
