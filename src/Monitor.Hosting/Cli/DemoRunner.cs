using System.Globalization;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;
using Monitor.Abstractions.Entities;
using Monitor.Client;
using Monitor.Demo;
using Monitor.Hosting;
using Monitor.Import;

namespace Monitor.Hosting.Cli;

/// <summary>
/// Runs the demo: starts a silo, registers the seed accounts and the synthetic Azerbaijani official accounts, replays
/// the synthetic history in a few seconds, shows every alert it raised and the correlated incident, then serves until stopped.
/// </summary>
public sealed class DemoRunner(TextWriter output)
{
    // Days of history posted per request (every account's point for each day).
    private const int DaysPerBatch = 30;

    /// <summary>The seed snapshot shipped next to the executable.</summary>
    public static string DefaultSeedPath => Path.Combine(AppContext.BaseDirectory, "DemoData", "seed-snapshot-2024.csv");

    /// <summary>Known events (the 44-day war, platform purges) the demo imports as annotations, in the import's JSON format.</summary>
    public static string KnownEventsPath => Path.Combine(AppContext.BaseDirectory, "DemoData", "known-events.json");

    /// <summary>Starts the silo and replays the scenario; with <paramref name="serveUntilStopped"/> keeps serving until Ctrl+C.</summary>
    public async Task RunAsync(SiloHostOptions options, string seedPath, bool serveUntilStopped, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await output.WriteLineAsync("Monitor demo. Everything it generates is SYNTHETIC (source 'synthetic-demo'): daily histories from 2019-01-01");
        await output.WriteLineAsync("that end at follower figures reported by a public article (DemoData/seed-snapshot-2024.csv), with a");
        await output.WriteLineAsync($"synthetic surge of the '{DemoScenario.SurgeGroup}' accounts during 27 Sep - 10 Nov 2020. Accounts named synthetic_* are invented.");

        var scenario = DemoScenario.FromSeed(await ReadSeedAsync(seedPath, cancellationToken));
        await using var app = SiloApp.Build(options);
        await app.StartAsync(cancellationToken);
        var address = SiloApp.GetListeningAddress(app);
        using var http = MonitorHttp.Create(address, apiKey: null, clientName: "monitor-demo");
        var client = new MonitorClient(http);

        await output.WriteLineAsync($"Silo listening on {address}");
        await output.WriteLineAsync($"Dashboard: {address}");
        await output.WriteLineAsync("Follow alerts live (from the start, so nothing replayed before you connect is missed), in another terminal:");
        await output.WriteLineAsync($"  monitor alerts tail --from-start --server {address}");
        await output.WriteLineAsync($"  (from a clone without the tool: dotnet run --project src/Monitor.Cli -- alerts tail --from-start --server {address})");
        await output.WriteLineAsync($"  curl -N '{address}api/alerts/stream?after=0'");

        var registered = await client.RegisterAccountsAsync([.. scenario.Accounts.Select(account => new CreateAccountRequest(account.Key, account.Profile))], cancellationToken: cancellationToken);
        if (registered.Invalid > 0)
        {
            throw new InvalidOperationException($"The silo refused {registered.Invalid} demo accounts: {registered.Items.First(item => item.Status == AccountBatchStatuses.Invalid)}");
        }

        await CreateEntitiesAsync(client, scenario, cancellationToken);
        await output.WriteLineAsync($"Created {scenario.Entities.Count} entities (people and offices owning the accounts).");
        await ImportKnownEventsAsync(http, output, cancellationToken);
        await output.WriteLineAsync($"Registered {scenario.Accounts.Count} accounts; replaying {scenario.DayCount} days of synthetic history...");
        var replay = System.Diagnostics.Stopwatch.StartNew();
        var accepted = 0;
        var batch = new List<ObservationInput>();
        var days = 0;
        foreach (var day in scenario.DaysInOrder())
        {
            batch.AddRange(day);
            if (++days % DaysPerBatch == 0)
            {
                accepted += await SendAsync(client, batch, cancellationToken);
                if (days % 360 == 0)
                {
                    await output.WriteLineAsync($"  ... {DateOnly.FromDateTime(day[0].Timestamp.UtcDateTime):yyyy-MM-dd}");
                }
            }
        }

        accepted += await SendAsync(client, batch, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Replayed {accepted:N0} synthetic observations in {replay.Elapsed.TotalSeconds:F1} s."));
        await ShowAlertsAsync(client, cancellationToken);

        await output.WriteLineAsync("Open:");
        foreach (var path in new[]
        {
            "api/alerts?kind=surge", "api/incidents", "api/entities/ilham-aliyev", "#/entities/ilham-aliyev",
            "api/groups/turkic-leaders/ranking/entities?by=followers", $"api/groups/{DemoScenario.SurgeGroup}/ranking?by=growth30d",
            "api/groups/turkic-mfa/ranking?by=followers", "api/accounts/x:@presidentaz/history?resolution=day&format=csv",
            "api/alerts/stream?after=0", "openapi/v1.json", "health/ready",
        })
        {
            await output.WriteLineAsync($"  {address}{path}");
        }

        if (serveUntilStopped)
        {
            await output.WriteLineAsync("Serving until Ctrl+C.");
            await app.WaitForShutdownAsync(cancellationToken);
        }
        else
        {
            await app.StopAsync(cancellationToken);
        }
    }

    private static async Task ImportKnownEventsAsync(HttpClient http, TextWriter output, CancellationToken cancellationToken)
    {
        using var content = new StringContent(await File.ReadAllTextAsync(KnownEventsPath, cancellationToken), System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("api/annotations/import", content, cancellationToken);
        response.EnsureSuccessStatusCode();
        await output.WriteLineAsync($"Imported the known events of {Path.GetFileName(KnownEventsPath)} as notes on the charts.");
    }

    private static async Task<int> SendAsync(MonitorClient client, List<ObservationInput> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var result = await client.PostObservationsAsync(batch, cancellationToken);
        if (result.Rejected.Count > 0)
        {
            var first = result.Rejected[0];
            throw new InvalidOperationException($"The silo rejected {result.Rejected.Count} demo observations, first: {first.Account} {first.Field} {first.Reason}");
        }

        batch.Clear();
        return result.Accepted;
    }

    private async Task ShowAlertsAsync(MonitorClient client, CancellationToken cancellationToken)
    {
        var alerts = await client.QueryAlertsAsync("limit=200", cancellationToken);
        await output.WriteLineAsync(DescribeAlertCount(alerts.Items));
        foreach (var alert in alerts.Items)
        {
            await output.WriteLineAsync(AlertLine.Format(alert));
        }

        var incidents = await client.ListIncidentsAsync(cancellationToken);
        await output.WriteLineAsync($"Incidents: {incidents.Count}");
        foreach (var incident in incidents)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {incident.Id} {incident.Kind} in group {incident.Group} from {incident.Start:yyyy-MM-dd}{(incident.End is { } end ? $" to {end:yyyy-MM-dd}" : "")}: {string.Join(", ", incident.Accounts)}"));
        }
    }

    /// <summary>Creates the scenario's entities (people and offices owning its accounts) through the API.</summary>
    public static async Task CreateEntitiesAsync(MonitorClient client, DemoScenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(scenario);
        foreach (var entity in scenario.Entities)
        {
            await client.CreateEntityAsync(new CreateEntityRequest(entity.Name, Kind: entity.Kind, Accounts: entity.Accounts), cancellationToken);
        }
    }

    /// <summary>"Alerts raised: 5 (4 surge, 1 spike)": every alert the replay raised, by kind, so the count matches the list below it.</summary>
    public static string DescribeAlertCount(IReadOnlyList<AlertView> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var byKind = alerts.GroupBy(alert => alert.Kind, StringComparer.Ordinal)
            .OrderByDescending(kind => kind.Count())
            .ThenBy(kind => kind.Key, StringComparer.Ordinal)
            .Select(kind => string.Create(CultureInfo.InvariantCulture, $"{kind.Count()} {kind.Key}"));
        return alerts.Count == 0
            ? "Alerts raised: 0"
            : string.Create(CultureInfo.InvariantCulture, $"Alerts raised: {alerts.Count} ({string.Join(", ", byKind)})");
    }

    private static async Task<List<SeedRow>> ReadSeedAsync(string seedPath, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(seedPath);
        var rows = new List<SeedRow>();
        await foreach (var record in ObservationCsvReader.ReadAsync(reader, DemoScenario.Source, cancellationToken: cancellationToken))
        {
            rows.Add(record.Seed ?? throw new FormatException($"{seedPath} line {record.Line}: the demo needs the seed format ({SeedRow.Header})."));
        }

        return rows;
    }
}
