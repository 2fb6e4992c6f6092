using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Http;
using Monitor.Client;

namespace Monitor.LoadGen;

/// <summary>
/// One load run: registers accounts, posts batches with N clients (to the servers in turn; a 503 is retried after its
/// Retry-After, as cluster clients do while partitions move), optionally queries summaries and probes alert latency.
/// </summary>
public sealed class LoadRun(LoadOptions options, TextWriter output)
{
    /// <summary>JSON conventions of the API.</summary>
    public static JsonSerializerOptions Json => ApiConventions.Json;

    // A full ingest queue answers 503 with Retry-After; waits are capped at a second so the load stays steady.
    private static readonly ServiceUnavailableRetry Overload = new(TimeSpan.FromSeconds(1));

    private readonly LatencyRecorder _ingest = new();
    private readonly LatencyRecorder _summaries = new();
    private long _accepted;
    private int _started;
    private int _requests;
    private int _failures;
    private int _retries;
    private int _turn;

    /// <summary>Runs the load and prints the figures; returns 0 when every request succeeded.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var servers = options.Servers.Select(server => new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) }).ToList();
        using var disposeServers = new CompositeDisposable(servers);
        var http = servers[0];
        foreach (var client in servers)
        {
            // What the silo asks of state-changing requests without a key (open trial mode): see CrossSiteRequestGuard.
            client.DefaultRequestHeaders.Add("X-Monitor-Client", "loadgen");
        }

        if (options.ApiKey is { Length: > 0 } key)
        {
            foreach (var client in servers)
            {
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            }
        }

        var registering = Stopwatch.StartNew();
        await RegisterAccountsAsync(http, cancellationToken);
        if (options.RegisterOnly)
        {
            var seconds = registering.Elapsed.TotalSeconds;
            await output.WriteLineAsync($"registered {options.Accounts:N0} accounts {(options.RegisterOneByOne ? "one PUT at a time (8 in flight)" : "in batches")} in {seconds:F1} s ({options.Accounts / seconds:N0} accounts/s)");
            return 0;
        }

        var start = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(-options.StartDaysAgo).Date, TimeSpan.Zero);
        var rows = new SyntheticRows(options.Accounts, start);
        var bodies = new RequestBodies(rows, options.BatchSize);
        bodies.Prerender(options.PrerenderBatches);
        AlertLatencyProbe? probe = null;
        if (options.AlertLatency)
        {
            probe = new AlertLatencyProbe(http, output, options.AlertProbes);
            await probe.PrepareAsync(cancellationToken);
        }

        using var ingestWindow = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ingestWindow.CancelAfter(options.Duration);
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, options.Clients).Select(_ => Task.Run(() => PostUntilDoneAsync(servers, bodies, ingestWindow.Token), cancellationToken)).ToList();
        var sideTasks = new List<Task>();
        if (options.SummaryQueries)
        {
            sideTasks.Add(Task.Run(() => QuerySummariesAsync(http, ingestWindow.Token), cancellationToken));
        }

        if (probe is not null)
        {
            sideTasks.Add(Task.Run(() => probe.MeasureAsync(ingestWindow.Token), cancellationToken));
        }

        await Task.WhenAll(clients);
        var elapsed = clock.Elapsed;
        await ingestWindow.CancelAsync();
        await Task.WhenAll(sideTasks);

        var accepted = Interlocked.Read(ref _accepted);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ingest: {accepted:N0} observations in {_requests:N0} requests of {options.BatchSize} over {options.Accounts} accounts, {options.Clients} clients, {servers.Count} servers, {elapsed.TotalSeconds:F1} s"));
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ingest: {accepted / elapsed.TotalSeconds:N0} obs/s; request latency p50 {_ingest.Percentile(50):F1} ms, p99 {_ingest.Percentile(99):F1} ms; failures {_failures}, retried 503s {_retries}"));
        if (options.SummaryQueries)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"summary queries under ingest: {_summaries.Count:N0}, p50 {_summaries.Percentile(50):F1} ms, p99 {_summaries.Percentile(99):F1} ms"));
        }

        if (probe is not null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"alert latency (ingest acknowledged -> SSE delivery): {probe.Latencies.Count} probes, p50 {probe.Latencies.Percentile(50):F1} ms, p99 {probe.Latencies.Percentile(99):F1} ms, max {probe.Latencies.Percentile(100):F1} ms"));
        }

        if (options.CopyBaseline is { } connectionString)
        {
            var posted = bodies.RowsTaken;
            var copied = await CopyBaseline.RunAsync(connectionString, rows, posted, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"baseline: raw PostgreSQL binary COPY of the same {posted:N0} rows: {copied.TotalSeconds:F2} s, {posted / copied.TotalSeconds:N0} rows/s"));
        }

        return _failures == 0 ? 0 : 1;
    }

    private async Task RegisterAccountsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var profile = new AccountProfile(Groups: ["loadgen"], Tags: ["synthetic"]);
        if (options.RegisterOneByOne)
        {
            await Parallel.ForAsync(0, options.Accounts, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                using var response = await http.PutAsJsonAsync($"api/accounts/{SyntheticRows.AccountKey(i)}", profile, Json, ct);
                response.EnsureSuccessStatusCode();
            });
            return;
        }

        var accounts = Enumerable.Range(0, options.Accounts).Select(i => new CreateAccountRequest(SyntheticRows.AccountKey(i), profile)).ToList();
        var result = await new MonitorClient(http).RegisterAccountsAsync(accounts, cancellationToken: cancellationToken);
        if (result.Invalid > 0)
        {
            throw new InvalidOperationException($"{result.Invalid} accounts were refused: {result.Items.First(item => item.Status == AccountBatchStatuses.Invalid)}");
        }
    }

    private async Task PostUntilDoneAsync(IReadOnlyList<HttpClient> servers, RequestBodies bodies, CancellationToken window)
    {
        while (!window.IsCancellationRequested)
        {
            if (options.MaxRequests > 0 && Interlocked.Increment(ref _started) > options.MaxRequests)
            {
                return;
            }

            var payload = bodies.Next();
            var http = servers[(int)((uint)Interlocked.Increment(ref _turn) % (uint)servers.Count)];
            var clock = Stopwatch.StartNew();

            // The window bounds when requests start, never an acknowledgement in flight.
            using var content = BatchBody.Content(payload);
            var response = await Overload.SendAsync(
                () => http.PostAsync("api/observations", content, CancellationToken.None), retrying: () => Interlocked.Increment(ref _retries));

            using (response)
            {
                var result = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<RecordResult>(Json, CancellationToken.None) : null;
                _ingest.Record(clock.Elapsed);
                Interlocked.Increment(ref _requests);
                if (result is null || result.Rejected.Count > 0)
                {
                    Interlocked.Increment(ref _failures);
                    var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    await output.WriteLineAsync($"request failed: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                    continue;
                }

                Interlocked.Add(ref _accepted, result.Accepted);
            }
        }
    }

    private async Task QuerySummariesAsync(HttpClient http, CancellationToken window)
    {
        var random = new Random(1);
        while (!window.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync($"api/accounts/{SyntheticRows.AccountKey(random.Next(options.Accounts))}/summary", CancellationToken.None);
            await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
            _summaries.Record(clock.Elapsed);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _failures);
            }
        }
    }

}
