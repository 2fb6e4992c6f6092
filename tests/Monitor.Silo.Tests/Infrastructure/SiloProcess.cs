using System.Diagnostics;
using System.Text;

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
        Http.DefaultRequestHeaders.Add(Monitor.AccessControl.CrossSiteRequestGuard.ClientHeader, "tests");
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
        var (process, log, address) = await SiloLauncher.StartAsync(
            ["serve", "--urls", "http://127.0.0.1:0", "--sqlite-path", sqlitePath],
            Path.GetDirectoryName(sqlitePath)!,
            environment ?? new Dictionary<string, string>(),
            "The silo",
            cancellationToken);
        return new SiloProcess(process, log, address);
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
