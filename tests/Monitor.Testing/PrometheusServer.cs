using System.Globalization;
using System.Net;
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

    private readonly ServerProcess _process;
    private readonly HttpClient _http;

    private PrometheusServer(ServerProcess process, Uri address)
    {
        _process = process;
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
        var process = ServerProcess.Start("Prometheus", binary,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}"], folder);
        var server = new PrometheusServer(process, new Uri($"http://127.0.0.1:{port}/"));
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
    public Task WaitAsync(string what, Func<Task<bool>> condition, CancellationToken cancellationToken) =>
        _process.WaitAsync(what, condition, TimeSpan.FromMilliseconds(250), cancellationToken);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
