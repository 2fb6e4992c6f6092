using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Runtime.Configuration;
using Monitor.Runtime.References;
using Monitor.Runtime.Reminders;
using Monitor.Runtime.Telemetry;

namespace Monitor.Runtime.Activation;

/// <summary>The silo's activations, one per grain id: creates them on first call, collects idle ones, deactivates all on shutdown.</summary>
internal sealed partial class Catalog
{
    private static readonly DeactivationReason IdleReason = new(DeactivationReasonCode.ActivationIdle, "The activation was idle longer than the collection age.");
    private static readonly DeactivationReason LimitReason = new(DeactivationReasonCode.HighMemoryPressure, "The silo holds more activations than its limit.");
    private static readonly DeactivationReason ShutdownReason = new(DeactivationReasonCode.ShuttingDown, "The silo is stopping.");

    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly GrainTypeRegistry _registry;
    private readonly GrainCollectionOptions _options;
    private readonly ILogger<Catalog> _logger;
    private long _activeCount;
    private long _coarseNowTicks;
    private volatile bool _stopping;
    private IGrainFactory? _grainFactory;
    private ReminderService? _reminders;

    public Catalog(
        IServiceProvider services,
        GrainTypeRegistry registry,
        IOptions<GrainCollectionOptions> options,
        TimeProvider timeProvider,
        RuntimeInstruments instruments,
        ILogger<Catalog> logger)
    {
        _options = options.Value;
        RequirePositive(_options.CollectionAge, nameof(GrainCollectionOptions.CollectionAge));
        RequirePositive(_options.CollectionQuantum, nameof(GrainCollectionOptions.CollectionQuantum));
        RequirePositive(_options.DeactivationTimeout, nameof(GrainCollectionOptions.DeactivationTimeout));
        if (_options.ActivationLimit is <= 0)
        {
            throw new ArgumentOutOfRangeException(
                $"{nameof(GrainCollectionOptions)}.{nameof(GrainCollectionOptions.ActivationLimit)}", _options.ActivationLimit, "The activation limit must be positive (or null for no limit).");
        }

        Services = services;
        _registry = registry;
        TimeProvider = timeProvider;
        Instruments = instruments;
        _logger = logger;
        _coarseNowTicks = NowTicks;
        instruments.Meter.CreateObservableGauge(RuntimeTelemetry.Activations, () => Count, "{activation}", "Activations held by the silo");
    }

    public IServiceProvider Services { get; }

    public TimeProvider TimeProvider { get; }

    public RuntimeInstruments Instruments { get; }

    public GrainCollectionOptions Options => _options;

    /// <summary>Cancelled when the silo starts stopping; passed to OnActivateAsync and state loads.</summary>
    public CancellationToken ShutdownToken => _shutdown.Token;

    public TimeSpan DeactivationTimeout => _options.DeactivationTimeout;

    public long NowTicks => TimeProvider.GetUtcNow().UtcTicks;

    /// <summary>
    /// The time (UTC ticks) as of the last <see cref="RefreshClock"/>, at most <see cref="ClockResolution"/> old while the silo runs:
    /// what a call records as its activity time, so that the hot path reads no clock.
    /// </summary>
    public long CoarseNowTicks => Volatile.Read(ref _coarseNowTicks);

    /// <summary>How often the silo refreshes <see cref="CoarseNowTicks"/>.</summary>
    public static TimeSpan ClockResolution => TimeSpan.FromSeconds(1);

    /// <summary>Activations that completed activation and have not yet been deactivated.</summary>
    public long Count => Interlocked.Read(ref _activeCount);

    // The factory and the reminder service depend on the catalog, so they are resolved when first needed.
    public IGrainFactory GrainFactory => _grainFactory ??= Services.GetRequiredService<IGrainFactory>();

    public ReminderService Reminders => _reminders ??= Services.GetRequiredService<ReminderService>();

    /// <summary>Delivers a call to the grain's activation, creating it if needed; returns the call's task.</summary>
    public Task Invoke(GrainId grainId, GrainMethodInvoker method, object?[] arguments)
    {
        while (true)
        {
            var call = GetOrCreate(grainId).TryInvoke(method, arguments);
            if (call is not null)
            {
                return call;
            }
        }
    }

    /// <summary>
    /// Removes a deactivated activation and, when calls were queued on it, installs its successor with those calls already queued
    /// (the caller schedules the successor's pump). Timer ticks are not forwarded; neither is anything while the silo stops.
    /// </summary>
    public GrainActivation? ReplaceWithSuccessor(GrainActivation activation, List<ActivationWorkItem>? queued, out List<ActivationWorkItem>? rejected)
    {
        rejected = null;
        List<ActivationWorkItem>? forwarded = null;
        foreach (var item in queued ?? [])
        {
            if (item.IsForwardable && !_stopping)
            {
                (forwarded ??= []).Add(item);
            }
            else
            {
                (rejected ??= []).Add(item);
            }
        }

        if (forwarded is null)
        {
            Remove(activation);
            return null;
        }

        var successor = activation.CreateSuccessor(forwarded);
        if (!_activations.TryUpdate(activation.GrainId, successor, activation))
        {
            throw new InvalidOperationException($"Activation {activation} was no longer registered when it handed over its queued calls.");
        }

        return successor;
    }

    /// <summary>What a call to <paramref name="grainId"/> fails with once the silo is stopping.</summary>
    public static SiloUnavailableException StoppingException(GrainId grainId) =>
        new($"The silo is stopping; grain {grainId} cannot be activated.");

    /// <summary>The current activation of <paramref name="grainId"/>, if any (for tests and diagnostics).</summary>
    public GrainActivation? Find(GrainId grainId) => _activations.TryGetValue(grainId, out var activation) ? activation : null;

    public void Remove(GrainActivation activation) => _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));

    public void RefreshClock() => Volatile.Write(ref _coarseNowTicks, NowTicks);

    public void OnActivated()
    {
        Interlocked.Increment(ref _activeCount);
        Instruments.ActivationsCreated.Add(1);
    }

    public void OnActivationFailed(GrainActivation activation, Exception exception)
    {
        Instruments.ActivationsFailed.Add(1);
        LogActivationFailed(exception, activation.GrainId);
    }

    public void OnDeactivated(DeactivationReason reason)
    {
        Interlocked.Decrement(ref _activeCount);
        Instruments.ActivationsCollected.Add(1, new KeyValuePair<string, object?>("reason", reason.ReasonCode.ToString()));
    }

    public void OnDeactivationFailed(GrainActivation activation, Exception exception) => LogDeactivationFailed(exception, activation.GrainId);

    public void OnTimerFailed(GrainActivation activation, Exception exception) => LogTimerFailed(exception, activation.GrainId);

    /// <summary>
    /// One collection pass at <paramref name="now"/>: deactivates activations idle for at least the collection age, then, while the silo
    /// holds more than the activation limit, the least recently used idle ones. Returns how many were deactivated, once they all are.
    /// </summary>
    public async Task<int> CollectIdleAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        RefreshClock();
        var nowTicks = now.UtcTicks;
        var idleSince = nowTicks - _options.CollectionAge.Ticks;
        var deactivations = new List<Task>();
        foreach (var activation in _activations.Values)
        {
            if (activation.TryCollect(IdleReason, idleSince, nowTicks) is { } deactivation)
            {
                deactivations.Add(deactivation);
            }
        }

        if (_options.ActivationLimit is int limit)
        {
            var excess = Count - deactivations.Count - limit;
            if (excess > 0)
            {
                var leastRecentlyUsed = _activations.Values
                    .Where(activation => activation.IsIdleCandidate(nowTicks))
                    .Select(activation => (activation, lastActive: activation.LastActiveTicks))
                    .OrderBy(candidate => candidate.lastActive);
                foreach (var (activation, _) in leastRecentlyUsed)
                {
                    if (excess == 0)
                    {
                        break;
                    }

                    if (activation.TryCollect(LimitReason, long.MaxValue, nowTicks) is { } deactivation)
                    {
                        deactivations.Add(deactivation);
                        excess--;
                    }
                }
            }
        }

        await Task.WhenAll(deactivations).WaitAsync(cancellationToken).ConfigureAwait(false);
        return deactivations.Count;
    }

    /// <summary>Stops accepting new activations and deactivates every activation (graceful silo stop).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        await _shutdown.CancelAsync().ConfigureAwait(false);

        // A call that passed the stopping check just before it was set may still add an activation: repeat until none is left.
        while (!_activations.IsEmpty)
        {
            var deactivations = _activations.Values.Select(activation => activation.Deactivate(ShutdownReason)).ToArray();
            await Task.WhenAll(deactivations).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deactivates the activations whose grain id matches (cluster mode: a partition handoff or a lost partition) while the
    /// silo keeps running; returns once they are deactivated.
    /// </summary>
    public Task DeactivateWhereAsync(Func<GrainId, bool> predicate, DeactivationReason reason)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var deactivations = _activations.Values.Where(activation => predicate(activation.GrainId)).Select(activation => activation.Deactivate(reason)).ToArray();
        return Task.WhenAll(deactivations);
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException($"{nameof(GrainCollectionOptions)}.{name}", value, "The value must be positive.");
        }
    }

    private GrainActivation GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var activation))
        {
            return activation;
        }

        if (_stopping)
        {
            throw StoppingException(grainId);
        }

        var grainClass = _registry.GetByTypeName(grainId.Type);
        return _activations.GetOrAdd(
            grainId,
            static (id, state) => new GrainActivation(state.Catalog, state.GrainClass, id),
            (Catalog: this, GrainClass: grainClass));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activation of grain {GrainId} failed")]
    private partial void LogActivationFailed(Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OnDeactivateAsync of grain {GrainId} failed")]
    private partial void LogDeactivationFailed(Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A timer callback of grain {GrainId} failed")]
    private partial void LogTimerFailed(Exception exception, GrainId grainId);
}
