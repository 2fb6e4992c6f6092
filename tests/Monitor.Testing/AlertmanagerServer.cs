using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Monitor.Testing;

/// <summary>
/// A real Alertmanager for a test: its own process, generated configuration and storage in a temp folder, listening on a
/// free loopback port with clustering off. Its one route sends every group to a webhook receiver with short timings
/// (group_wait 0s, group_interval 1s), so a test waits on notifications, not on Alertmanager's production pace.
/// </summary>
public sealed class AlertmanagerServer : IAsyncDisposable
{
    /// <summary>The name of the generated configuration's webhook receiver.</summary>
    public const string ReceiverName = "monitor-tests";

    private readonly ServerProcess _process;
    private readonly HttpClient _http;

    private AlertmanagerServer(ServerProcess process, Uri address)
    {
        _process = process;
        Address = address;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Alertmanager's address (API and UI).</summary>
    public Uri Address { get; }

    /// <summary>
    /// The generated configuration: one route grouping by <paramref name="groupBy"/> to a webhook receiver at
    /// <paramref name="webhook"/> (resolved alerts sent too), then <paramref name="extraYaml"/> (top-level keys such as
    /// <c>inhibit_rules</c>) verbatim.
    /// </summary>
    public static string Configuration(Uri webhook, IReadOnlyList<string> groupBy, string? extraYaml = null)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(groupBy);
        return $"""
            route:
              receiver: {ReceiverName}
              group_by: [{string.Join(", ", groupBy)}]
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: {ReceiverName}
                webhook_configs:
                  - url: "{webhook}"
                    send_resolved: true
            {extraYaml}
            """;
    }

    /// <summary>Starts Alertmanager with <paramref name="configuration"/> (see <see cref="Configuration"/>) and waits until it is ready.</summary>
    public static async Task<AlertmanagerServer> StartAsync(string configuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        var binary = AlertmanagerBinaries.Server();
        var folder = Directory.CreateTempSubdirectory("monitor-alertmanager-").FullName;
        var config = Path.Combine(folder, "alertmanager.yml");
        await File.WriteAllTextAsync(config, configuration, cancellationToken);

        var port = LoopbackPort.Free();
        var process = ServerProcess.Start("Alertmanager", binary,
        [
            $"--config.file={config}", $"--storage.path={Path.Combine(folder, "data")}", $"--web.listen-address=127.0.0.1:{port}",

            // No gossip: a lone test instance must not wait for peers or bind a second port.
            "--cluster.listen-address=",
        ], folder);
        var server = new AlertmanagerServer(process, new Uri($"http://127.0.0.1:{port}/"));
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

    /// <summary>Every alert Alertmanager holds (active, silenced and inhibited ones).</summary>
    public async Task<IReadOnlyList<AlertmanagerApiAlert>> AlertsAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("api/v2/alerts", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Alertmanager answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return [.. json.RootElement.EnumerateArray().Select(alert => new AlertmanagerApiAlert(
            Strings(alert.GetProperty("labels")),
            Strings(alert.GetProperty("annotations")),
            alert.GetProperty("status").GetProperty("state").GetString()!,
            [.. alert.GetProperty("status").GetProperty("silencedBy").EnumerateArray().Select(id => id.GetString()!)],
            [.. alert.GetProperty("status").GetProperty("inhibitedBy").EnumerateArray().Select(id => id.GetString()!)],
            alert.GetProperty("endsAt").GetDateTimeOffset()))];
    }

    /// <summary>Runs <c>amtool</c> against this Alertmanager with <paramref name="arguments"/>; returns its output, throws when it fails.</summary>
    public async Task<string> AmtoolAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var startInfo = new ProcessStartInfo(AlertmanagerBinaries.Amtool())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.ArgumentList.Add($"--alertmanager.url={Address}");
        using var amtool = Process.Start(startInfo)!;
        var output = amtool.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = amtool.StandardError.ReadToEndAsync(cancellationToken);
        await amtool.WaitForExitAsync(cancellationToken);
        if (amtool.ExitCode != 0)
        {
            throw new InvalidOperationException($"amtool {string.Join(' ', startInfo.ArgumentList)} exited with {amtool.ExitCode}: {await error}");
        }

        return (await output).Trim();
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; throws with Alertmanager's log after a minute.</summary>
    public Task WaitAsync(string what, Func<Task<bool>> condition, CancellationToken cancellationToken) =>
        _process.WaitAsync(what, condition, TimeSpan.FromMilliseconds(100), cancellationToken);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Dictionary<string, string> Strings(JsonElement map) =>
        map.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.GetString()!, StringComparer.Ordinal);
}
