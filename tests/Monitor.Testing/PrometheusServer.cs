using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Monitor.Testing;

/// <summary>
/// A real Prometheus server for a test: its own process, configuration and storage in a temp folder, listening on a free
/// loopback port, scraping one target every second under the job <see cref="Job"/>.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>The job name of the scraped target.</summary>
    public const string Job = "monitor";

    private readonly Process _process;
    private readonly string _folder;
    private readonly HttpClient _http;
    private readonly StringBuilder _log = new();

    private PrometheusServer(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Prometheus' own address (API and UI).</summary>
    public Uri Address { get; }

    /// <summary>Starts Prometheus scraping <paramref name="target"/>'s <c>/metrics</c> and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(Uri target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var binary = PrometheusBinaries.Find("prometheus");
        var folder = Directory.CreateTempSubdirectory("monitor-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: {Job}
                metrics_path: /metrics
                static_configs:
                  - targets: ["{target.Authority}"]
            """, cancellationToken);

        var port = LoopbackPort.Free();
        var startInfo = new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = startInfo };
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        process.ErrorDataReceived += (_, line) => server.Log(line.Data);
        process.OutputDataReceived += (_, line) => server.Log(line.Data);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await server.WaitAsync("ready", async () => (await server._http.GetAsync("-/ready", cancellationToken)).IsSuccessStatusCode, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The value of a PromQL expression that yields one number now, or null when it yields nothing.</summary>
    public async Task<double?> QueryAsync(string expression, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync($"api/v1/query?query={Uri.EscapeDataString(expression)}", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Prometheus refused '{expression}': {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        var result = json.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() switch
        {
            0 => null,
            1 => double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture),
            var n => throw new InvalidOperationException($"'{expression}' yields {n} series; aggregate it to one."),
        };
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; throws with Prometheus' log after a minute.</summary>
    public async Task WaitAsync(string what, Func<Task<bool>> condition, CancellationToken cancellationToken)
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

                throw new TimeoutException($"Prometheus: '{what}' did not happen{(_process.HasExited ? $" (exited with {_process.ExitCode})" : " within a minute")}. Log:\n{log}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
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
