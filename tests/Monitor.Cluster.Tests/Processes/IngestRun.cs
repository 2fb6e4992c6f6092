using System.Collections.Concurrent;
using System.Diagnostics;
using Monitor.Abstractions.Accounts;
using Xunit;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>
/// Continuous ingest for the failover and scaling tests: each writer owns a slice of the accounts and posts one steady
/// point per account per batch, to the silos in turn, through a <see cref="RetryingIngestClient"/>; every acknowledged
/// batch is recorded so the test can check that all of it was stored.
/// </summary>
public sealed class IngestRun
{
    private readonly List<ClusterSiloProcess> _targets;
    private readonly List<string> _accounts;
    private readonly int _writers;
    private readonly ConcurrentQueue<IReadOnlyList<ObservationInput>> _acknowledged = new();
    private readonly ConcurrentDictionary<ClusterSiloProcess, bool> _avoided = new();
    private readonly CancellationTokenSource _stop = new();
    private Task[] _running = [];
    private int _acknowledgedCount;
    private int _failuresAtVictim;
    private int _turn;

    /// <summary>Prepares a run over <paramref name="targets"/> with <paramref name="writers"/> concurrent writers.</summary>
    public IngestRun(IReadOnlyList<ClusterSiloProcess> targets, IReadOnlyList<string> accounts, int writers)
    {
        _targets = [.. targets];
        _accounts = [.. accounts];
        _writers = writers;
    }

    /// <summary>Raised after each acknowledged batch with the <see cref="Stopwatch"/> timestamp it was sent at.</summary>
    public event Action<IReadOnlyList<ObservationInput>, long>? Acknowledged;

    /// <summary>The client every writer posts through (its retries and failures).</summary>
    public RetryingIngestClient Client { get; } = new();

    /// <summary>Batches acknowledged so far.</summary>
    public int AcknowledgedCount => Volatile.Read(ref _acknowledgedCount);

    /// <summary>Failed requests that had been sent to a silo the test then avoided (it was killed under them).</summary>
    public int FailuresAtVictim => Volatile.Read(ref _failuresAtVictim);

    /// <summary>Starts the writers.</summary>
    public void Start()
    {
        var slice = (_accounts.Count + _writers - 1) / _writers;
        _running = Enumerable.Range(0, _writers)
            .Select(w => Task.Run(() => WriteAsync(_accounts.Skip(w * slice).Take(slice).ToList())))
            .ToArray();
    }

    /// <summary>Sends no new request to <paramref name="silo"/> (before it is killed or stopped).</summary>
    public void Avoid(ClusterSiloProcess silo) => _avoided[silo] = true;

    /// <summary>Waits (polling, with a deadline) until at least <paramref name="count"/> batches were acknowledged.</summary>
    public async Task WaitForAcknowledgedAsync(int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (AcknowledgedCount < count)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                Assert.Fail($"Only {AcknowledgedCount} of {count} batches were acknowledged within {timeout}; last failure: {Client.LastFailure}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Stops the writers after their current request.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
    }

    /// <summary>Every observation of every acknowledged batch.</summary>
    public IReadOnlyList<ObservationInput> AcknowledgedObservations() => _acknowledged.SelectMany(batch => batch).ToList();

    private async Task WriteAsync(IReadOnlyList<string> accounts)
    {
        for (var step = 0; !_stop.IsCancellationRequested; step++)
        {
            var target = NextTarget();
            var batch = accounts.Select(account => TestObservations.Steady(account, step)).ToList();
            var sentAt = Stopwatch.GetTimestamp();
            if (await Client.PostAsync(target.Http, batch, TimeSpan.FromSeconds(30), CancellationToken.None))
            {
                _acknowledged.Enqueue(batch);
                Interlocked.Increment(ref _acknowledgedCount);
                Acknowledged?.Invoke(batch, sentAt);
            }
            else if (_avoided.ContainsKey(target))
            {
                Interlocked.Increment(ref _failuresAtVictim);
            }
        }
    }

    private ClusterSiloProcess NextTarget()
    {
        while (true)
        {
            var target = _targets[(int)((uint)Interlocked.Increment(ref _turn) % (uint)_targets.Count)];
            if (!_avoided.ContainsKey(target))
            {
                return target;
            }
        }
    }
}
