using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Alerts;
using Monitor.Grains.Alerts;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Monitor.Testing;
using Orleans;

namespace Monitor.Silo.Tests.Alertmanager;

/// <summary>
/// A real Alertmanager on loopback, its webhook receiver, and an in-process silo over a temp SQLite file that pushes to
/// it every 50 ms; alerts come from ingest or are published straight to the silo's real alert hub, as grains do.
/// </summary>
public sealed class AlertmanagerSilo : IAsyncDisposable
{
    /// <summary>The dashboard address the silo is told (the root of every generatorURL).</summary>
    public const string DashboardUrl = "https://monitor.example.org/";

    private readonly TemporaryDirectory _directory;

    private AlertmanagerSilo(TemporaryDirectory directory, AlertmanagerWebhookReceiver receiver, AlertmanagerServer alertmanager, RunningSilo silo)
    {
        _directory = directory;
        Receiver = receiver;
        Alertmanager = alertmanager;
        Silo = silo;
    }

    /// <summary>Where Alertmanager sends its notifications.</summary>
    public AlertmanagerWebhookReceiver Receiver { get; }

    /// <summary>The Alertmanager.</summary>
    public AlertmanagerServer Alertmanager { get; }

    /// <summary>The silo.</summary>
    public RunningSilo Silo { get; }

    /// <summary>The alert hub.</summary>
    public IAlertHubGrain Hub => Silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IAlertHubGrain>(AlertChangeFeed.HubKey);

    /// <summary>Starts the three; Alertmanager groups by <paramref name="groupBy"/> and adds <paramref name="extraYaml"/> to its configuration.</summary>
    public static async Task<AlertmanagerSilo> StartAsync(IReadOnlyList<string> groupBy, string? extraYaml = null)
    {
        var cancellation = Xunit.TestContext.Current.CancellationToken;
        var receiver = AlertmanagerWebhookReceiver.Start();
        AlertmanagerServer? alertmanager = null;
        var directory = new TemporaryDirectory("monitor-alertmanager-tests-");
        try
        {
            alertmanager = await AlertmanagerServer.StartAsync(AlertmanagerServer.Configuration(receiver.Url, groupBy, extraYaml), cancellation);
            var options = new SiloHostOptions().UseSqlite(directory.File("silo.db"));
            options.Configuration["Monitor:Outbound:AllowedRanges:0"] = "127.0.0.0/8";
            options.Configuration["Monitor:Alertmanager:Urls:0"] = alertmanager.Address.ToString();
            options.Configuration["Monitor:Alertmanager:DashboardUrl"] = DashboardUrl;
            options.Configuration["Monitor:Alertmanager:PollPeriod"] = "00:00:00.050";
            options.Configuration["Monitor:Alertmanager:RetryDelay"] = "00:00:00.050";
            return new AlertmanagerSilo(directory, receiver, alertmanager, await RunningSilo.StartAsync(options));
        }
        catch
        {
            if (alertmanager is not null)
            {
                await alertmanager.DisposeAsync();
            }

            await receiver.DisposeAsync();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Publishes episode changes to the hub in one call.</summary>
    public Task PublishAsync(params EpisodeEvent[] events) => Hub.PublishAsync(events);

    /// <summary>Waits until Alertmanager holds alerts satisfying <paramref name="condition"/>; returns them.</summary>
    public async Task<IReadOnlyList<AlertmanagerApiAlert>> WaitForAlertsAsync(string what, Func<IReadOnlyList<AlertmanagerApiAlert>, bool> condition)
    {
        IReadOnlyList<AlertmanagerApiAlert> alerts = [];
        await Alertmanager.WaitAsync(what, async () => condition(alerts = await Alertmanager.AlertsAsync(Xunit.TestContext.Current.CancellationToken)), Xunit.TestContext.Current.CancellationToken);
        return alerts;
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Alertmanager.DisposeAsync();
        await Receiver.DisposeAsync();
        _directory.Dispose();
    }
}
