using System.Collections.Concurrent;
using System.Diagnostics;
using Monitor.Abstractions.Accounts;
using Xunit;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>
/// Continuous ingest for the failover and scaling tests: each writer owns a slice of the accounts and posts one steady
/// point per account per batch, to the target silos in turn, through a <see cref="RetryingIngestClient"/>; every
/// acknowledged batch is recorded (with when it was sent and acknowledged) so the test can check that all of it was stored
/// and measure how long accounts could not be written.
/// </summary>
public sealed class IngestRun
{
    private readonly List<ClusterSiloProcess> _targets;
    private readonly Lock _targetsLock = new();
    private readonly List<string> _accounts;
    private readonly int _writers;
    private readonly int _firstStep;
    private readonly ConcurrentDictionary<ClusterSiloProcess, int> _inFlight = new();
    private readonly ConcurrentQueue<AcknowledgedBatch> _acknowledged = new();
    private readonly ConcurrentDictionary<ClusterSiloProcess, bool> _avoided = new();
    private readonly CancellationTokenSource _stop = new();
    private Task[] _running = [];
    private int _acknowledgedCount;
    private int _failuresAtAvoided;
    private int _turn;

    /// <summary>Prepares a run over <paramref name="targets"/> with <paramref name="writers"/> concurrent writers, posting steady points from <paramref name="firstStep"/> on.</summary>
    public IngestRun(IReadOnlyList<ClusterSiloProcess> targets, IReadOnlyList<string> accounts, int writers, int firstStep = 0)
    {
        _targets = [.. targets];
        _accounts = [.. accounts];
        _writers = writers;
        _firstStep = firstStep;
    }

    /// <summary>The client every writer posts through (its retries and failures).</summary>
    public RetryingIngestClient Client { get; } = new();

    /// <summary>Batches acknowledged so far.</summary>
    public int AcknowledgedCount => Volatile.Read(ref _acknowledgedCount);

    /// <summary>Failed requests that had been sent to a silo the test then avoided (it was killed or frozen under them).</summary>
    public int FailuresAtAvoided => Volatile.Read(ref _failuresAtAvoided);

    /// <summary>Every acknowledged batch so far.</summary>
    public IReadOnlyList<AcknowledgedBatch> Acknowledged => [.. _acknowledged];

    /// <summary>Starts the writers.</summary>
    public void Start()
    {
        var slice = (_accounts.Count + _writers - 1) / _writers;
        _running = Enumerable.Range(0, _writers)
            .Select(w => Task.Run(() => WriteAsync(_accounts.Skip(w * slice).Take(slice).ToList())))
            .ToArray();
    }

    /// <summary>Sends new requests to <paramref name="silo"/> too (a load balancer adds a silo that became ready).</summary>
    public void AddTarget(ClusterSiloProcess silo)
    {
        lock (_targetsLock)
        {
            _targets.Add(silo);
        }
    }

    /// <summary>Sends no new request to <paramref name="silo"/> (a load balancer drains it before it stops, or lost it).</summary>
    public void Avoid(ClusterSiloProcess silo) => _avoided[silo] = true;

    /// <summary>Waits (polling, with a deadline) until no request to <paramref name="silo"/> is in flight (after <see cref="Avoid"/>).</summary>
    public Task WaitUntilIdleAsync(ClusterSiloProcess silo, TimeSpan timeout) =>
        Infrastructure.Poll.UntilAsync(() => Task.FromResult(_inFlight.GetValueOrDefault(silo) == 0), timeout, $"the requests in flight to {silo.Name} to finish");

    /// <summary>Waits (polling, with a deadline) until at least <paramref name="count"/> batches were acknowledged.</summary>
    public async Task WaitForAcknowledgedAsync(int count, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (AcknowledgedCount < count)
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                Assert.Fail($"Only {AcknowledgedCount} of {count} batches were acknowledged within {timeout}; last failure: {Client.LastFailure}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Waits until every account was in an acknowledged batch first sent after <paramref name="since"/> (a
    /// <see cref="Stopwatch"/> timestamp) and returns how long after <paramref name="since"/> the last of them was
    /// acknowledged: the time until the whole cluster took writes again.
    /// </summary>
    public async Task<TimeSpan> WaitUntilEveryAccountWrittenSinceAsync(long since, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var firstAck = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var batch in _acknowledged.Where(batch => batch.SentAt >= since))
            {
                foreach (var observation in batch.Observations)
                {
                    if (!firstAck.TryGetValue(observation.Account, out var at) || batch.AcknowledgedAt < at)
                    {
                        firstAck[observation.Account] = batch.AcknowledgedAt;
                    }
                }
            }

            if (_accounts.All(firstAck.ContainsKey))
            {
                return Stopwatch.GetElapsedTime(since, firstAck.Values.Max());
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                Assert.Fail($"{_accounts.Count(account => !firstAck.ContainsKey(account))} of {_accounts.Count} accounts took no write within {timeout}; last failure: {Client.LastFailure}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Stops the writers after their current request.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
    }

    /// <summary>Every observation of every acknowledged batch.</summary>
    public IReadOnlyList<ObservationInput> AcknowledgedObservations() => _acknowledged.SelectMany(batch => batch.Observations).ToList();

    private async Task WriteAsync(IReadOnlyList<string> accounts)
    {
        for (var step = _firstStep; !_stop.IsCancellationRequested; step++)
        {
            var target = NextTarget();
            var batch = accounts.Select(account => TestObservations.Steady(account, step)).ToList();
            var sentAt = Stopwatch.GetTimestamp();
            bool acknowledged;
            try
            {
                acknowledged = await Client.PostAsync(target.Http, batch, TimeSpan.FromSeconds(30), CancellationToken.None);
            }
            finally
            {
                _inFlight.AddOrUpdate(target, 0, (_, count) => count - 1);
            }

            if (acknowledged)
            {
                _acknowledged.Enqueue(new AcknowledgedBatch(batch, target.Name, sentAt, Stopwatch.GetTimestamp()));
                Interlocked.Increment(ref _acknowledgedCount);
            }
            else if (_avoided.ContainsKey(target))
            {
                Interlocked.Increment(ref _failuresAtAvoided);
            }
        }
    }

    private ClusterSiloProcess NextTarget()
    {
        while (true)
        {
            ClusterSiloProcess target;
            lock (_targetsLock)
            {
                target = _targets[(int)((uint)Interlocked.Increment(ref _turn) % (uint)_targets.Count)];
            }

            // Counted in flight before the avoided check, so a silo found idle after Avoid gets no request later.
            _inFlight.AddOrUpdate(target, 1, (_, count) => count + 1);
            if (!_avoided.ContainsKey(target))
            {
                return target;
            }

            _inFlight.AddOrUpdate(target, 0, (_, count) => count - 1);
        }
    }
}
