using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Alerts;

namespace Monitor.LoadGen;

/// <summary>
/// Measures how long an alert takes from the acknowledgement of the ingest that causes it to its delivery on the SSE stream:
/// probe accounts get a quiet daily baseline first, then, under load, one batch each that holds a sustained surge.
/// </summary>
public sealed class AlertLatencyProbe(HttpClient http, TextWriter output, int probes)
{
    // Quiet days before the surge, and surge days.
    private const int BaselineDays = 120;
    private const int SurgeDays = 30;

    private static readonly DateTimeOffset HistoryStart = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new();
    private readonly string _runId = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Latencies measured (one per probe account, measured one after another).</summary>
    public LatencyRecorder Latencies { get; } = new();

    /// <summary>Registers the probe accounts and posts their quiet baselines.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        for (var probe = 0; probe < probes; probe++)
        {
            var key = Key(probe);
            using var put = await http.PutAsJsonAsync($"api/accounts/{key}", new AccountProfile(Groups: [$"loadgen-probe-{probe}"], Tags: ["synthetic"]), LoadRun.Json, cancellationToken);
            put.EnsureSuccessStatusCode();
            using var baseline = await http.PostAsJsonAsync("api/observations", Days(key, 0, BaselineDays, perDay: 100), LoadRun.Json, cancellationToken);
            baseline.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Follows the stream and surges each probe in turn while the load runs.</summary>
    public async Task MeasureAsync(CancellationToken window)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(window);
        var listener = Task.Run(() => ListenAsync(stop.Token), CancellationToken.None);
        try
        {
            for (var probe = 0; probe < probes && !window.IsCancellationRequested; probe++)
            {
                var key = Key(probe);
                var delivered = _waiting.GetOrAdd(key, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
                var surge = Days(key, BaselineDays, SurgeDays, perDay: 5_000);
                using var response = await http.PostAsJsonAsync("api/observations", surge, LoadRun.Json, CancellationToken.None);
                var acknowledgedAt = Stopwatch.GetTimestamp();
                response.EnsureSuccessStatusCode();
                try
                {
                    var deliveredAt = await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
                    Latencies.Record(Stopwatch.GetElapsedTime(acknowledgedAt, Math.Max(deliveredAt, acknowledgedAt)));
                }
                catch (TimeoutException)
                {
                    await output.WriteLineAsync($"alert probe {key}: no alert on the stream within 30 s");
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await listener.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("api/alerts/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream, (_, data) => JsonSerializer.Deserialize<AlertChange>(data, LoadRun.Json)).EnumerateAsync(cancellationToken))
        {
            var now = Stopwatch.GetTimestamp();
            if (item.Data is { } change)
            {
                _waiting.GetOrAdd(change.Alert.Account, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(now);
            }
        }
    }

    private string Key(int probe) => $"x:919{_runId}{probe}";

    private static List<ObservationInput> Days(string key, int from, int count, long perDay) =>
        Enumerable.Range(from, count)
            .Select(day => new ObservationInput(key, HistoryStart.AddDays(day), 500_000 + (day < BaselineDays ? day * 100 : (BaselineDays * 100) + ((day - BaselineDays + 1) * perDay)), null, null, SyntheticRows.Source))
            .ToList();
}
