using Microsoft.Extensions.DependencyInjection;
using Monitor.Runtime.Persistence;
using Monitor.Runtime.References;
using Monitor.Runtime.Timers;

namespace Monitor.Runtime.Activation;

/// <summary>
/// One activation of one grain and its scheduler. Turns start in FIFO order and run one at a time unless the grain is
/// reentrant or the call is read-only or always-interleave. A call to an idle activation starts on the caller's thread;
/// otherwise it waits in the queue, which is drained by a pump on the thread pool each time a turn ends.
/// </summary>
internal sealed class GrainActivation : IThreadPoolWorkItem
{
    [ThreadStatic]
    private static GrainActivation? t_constructing;

    private static readonly Action<Task, object?> ExclusiveTurnEnded =
        static (_, state) => ((GrainActivation)state!).CompleteTurn(TurnKind.Exclusive, keepAlive: true);

    private static readonly Action<Task, object?> ReadOnlyTurnEnded =
        static (_, state) => ((GrainActivation)state!).CompleteTurn(TurnKind.ReadOnly, keepAlive: true);

    private static readonly Action<Task, object?> InterleavedTurnEnded =
        static (_, state) => ((GrainActivation)state!).CompleteTurn(TurnKind.Interleave, keepAlive: true);

    private static readonly DeactivationReason OnIdleReason = new(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called.");

    private readonly Catalog _catalog;
    private readonly GrainClassInfo _grainClass;
    private Grain? _grain;
    private Queue<ActivationWorkItem>? _queue;
    private List<IDisposable>? _timers;
    private TaskCompletionSource? _deactivated;
    private DeactivationReason _deactivationReason;
    private long _lastActiveTicks;
    private long _keepAliveUntilTicks;
    private int _runningExclusive;
    private int _runningReadOnly;
    private int _runningInterleaved;
    private ActivationStatus _status;
    private bool _deactivationRequested;
    private bool _pumpScheduled;

    public GrainActivation(Catalog catalog, GrainClassInfo grainClass, GrainId grainId)
    {
        _catalog = catalog;
        _grainClass = grainClass;
        GrainId = grainId;
    }

    private enum PumpStep
    {
        Idle,
        Activate,
        Deactivate,
        StartTurn,
    }

    /// <summary>The activation whose grain is being constructed on this thread; read by the <see cref="Runtime.Grain"/> constructor.</summary>
    public static GrainActivation? Constructing => t_constructing;

    public GrainId GrainId { get; }

    public Catalog Catalog => _catalog;

    public Grain Grain => _grain ?? throw new InvalidOperationException($"Grain {GrainId} has not been constructed.");

    public ActivationStatus Status
    {
        get
        {
            lock (this)
            {
                return _status;
            }
        }
    }

    /// <summary>When the last call ended (UTC ticks); read without the lock, for ordering only.</summary>
    public long LastActiveTicks => Volatile.Read(ref _lastActiveTicks);

    private int Running => _runningExclusive + _runningReadOnly + _runningInterleaved;

    /// <summary>
    /// Starts the call if this activation can take it: at once on this thread when no turn blocks it, else queued.
    /// Returns the call's task (typed like the method's result), or null when the activation is gone and the caller must look again.
    /// </summary>
    public Task? TryInvoke(GrainMethodInvoker method, object?[] arguments)
    {
        var kind = EffectiveKind(method.Kind);
        Task? queuedCall = null;
        var activate = false;
        var schedule = false;
        lock (this)
        {
            switch (_status)
            {
                case ActivationStatus.Invalid:
                    return null;
                case ActivationStatus.Created:
                    _status = ActivationStatus.Activating;
                    activate = true;
                    break;
                case ActivationStatus.Active when !_deactivationRequested && (kind == TurnKind.Interleave || (IsQueueEmpty && CanStart(kind))):
                    EnterTurnLocked(kind);
                    break;
                default:
                    EnqueueLocked(method.CreateWorkItem(arguments, out queuedCall));
                    schedule = TrySchedulePumpLocked();
                    break;
            }
        }

        if (activate)
        {
            return ActivateThenInvoke(method, arguments);
        }

        if (queuedCall is not null)
        {
            if (schedule)
            {
                SchedulePump();
            }

            return queuedCall;
        }

        var turn = method.Invoke(_grain!, arguments);
        if (turn.IsCompleted)
        {
            CompleteTurn(kind, keepAlive: true);
        }
        else
        {
            var callback = kind switch
            {
                TurnKind.Exclusive => ExclusiveTurnEnded,
                TurnKind.ReadOnly => ReadOnlyTurnEnded,
                _ => InterleavedTurnEnded,
            };
            turn.ContinueWith(callback, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return turn;
    }

    /// <summary>
    /// A new, not yet reachable activation of the same grain holding <paramref name="queued"/>, the calls that waited on this one;
    /// its pump counts as scheduled, so whoever makes it reachable calls <see cref="SchedulePump"/>.
    /// </summary>
    public GrainActivation CreateSuccessor(List<ActivationWorkItem> queued)
    {
        var successor = new GrainActivation(_catalog, _grainClass, GrainId) { _pumpScheduled = true };
        foreach (var item in queued)
        {
            successor.EnqueueLocked(item);
        }

        return successor;
    }

    /// <summary>Queues a timer tick; false when this activation is gone.</summary>
    public bool TryEnqueue(ActivationWorkItem item)
    {
        bool schedule;
        lock (this)
        {
            if (_status == ActivationStatus.Invalid)
            {
                return false;
            }

            EnqueueLocked(item);
            schedule = TrySchedulePumpLocked();
        }

        if (schedule)
        {
            SchedulePump();
        }

        return true;
    }

    /// <summary>Called when a turn's task has completed.</summary>
    public void CompleteTurn(TurnKind kind, bool keepAlive)
    {
        var now = keepAlive ? _catalog.CoarseNowTicks : 0;
        bool schedule;
        lock (this)
        {
            switch (kind)
            {
                case TurnKind.Exclusive:
                    _runningExclusive--;
                    break;
                case TurnKind.ReadOnly:
                    _runningReadOnly--;
                    break;
                default:
                    _runningInterleaved--;
                    break;
            }

            if (keepAlive)
            {
                _lastActiveTicks = now;
            }

            schedule = TrySchedulePumpLocked();
        }

        if (schedule)
        {
            SchedulePump();
        }
    }

    /// <summary>Constructs the grain with this activation as its context.</summary>
    public Grain Construct(ObjectFactory factory, IServiceProvider services, object?[] arguments)
    {
        var previous = t_constructing;
        t_constructing = this;
        try
        {
            return (Grain)factory(services, arguments);
        }
        finally
        {
            t_constructing = previous;
        }
    }

    public IGrainTimer RegisterTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer<TState>(this, callback, state, options);
        lock (this)
        {
            if (_status is ActivationStatus.Deactivating or ActivationStatus.Invalid)
            {
                timer.Dispose();
                throw new InvalidOperationException($"Grain {GrainId} is deactivating; it cannot register timers.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Start(options.DueTime);
        return timer;
    }

    public void RemoveTimer(IDisposable timer)
    {
        lock (this)
        {
            _timers?.Remove(timer);
        }
    }

    /// <summary>Asks for deactivation once no turn is running; queued calls go to a new activation.</summary>
    public void DeactivateOnIdle()
    {
        bool schedule;
        lock (this)
        {
            if (_status is not (ActivationStatus.Activating or ActivationStatus.Active) || _deactivationRequested)
            {
                return;
            }

            RequestDeactivationLocked(OnIdleReason);
            _keepAliveUntilTicks = 0;
            schedule = TrySchedulePumpLocked();
        }

        if (schedule)
        {
            SchedulePump();
        }
    }

    /// <summary>Keeps the activation from idle collection for <paramref name="timeSpan"/>; zero or negative cancels an earlier delay.</summary>
    public void DelayDeactivation(TimeSpan timeSpan)
    {
        var now = _catalog.NowTicks;
        var until = timeSpan <= TimeSpan.Zero ? 0 : timeSpan.Ticks >= long.MaxValue - now ? long.MaxValue : now + timeSpan.Ticks;
        lock (this)
        {
            _keepAliveUntilTicks = until;
        }
    }

    /// <summary>Whether the activation looks collectable (read without the lock; <see cref="TryCollect"/> decides).</summary>
    public bool IsIdleCandidate(long nowTicks) =>
        _status == ActivationStatus.Active && !_deactivationRequested && Running == 0 && IsQueueEmpty && _keepAliveUntilTicks <= nowTicks;

    /// <summary>Starts deactivation if the activation is idle and has been since <paramref name="idleSinceTicks"/>; returns its completion, or null.</summary>
    public Task? TryCollect(DeactivationReason reason, long idleSinceTicks, long nowTicks)
    {
        Task deactivated;
        bool schedule;
        lock (this)
        {
            if (_status != ActivationStatus.Active || _deactivationRequested || Running != 0 || !IsQueueEmpty
                || _lastActiveTicks > idleSinceTicks || _keepAliveUntilTicks > nowTicks)
            {
                return null;
            }

            RequestDeactivationLocked(reason);
            schedule = TrySchedulePumpLocked();
            deactivated = DeactivatedTaskLocked();
        }

        if (schedule)
        {
            SchedulePump();
        }

        return deactivated;
    }

    /// <summary>Deactivates after the running turns (silo shutdown); the task completes when the activation is gone.</summary>
    public Task Deactivate(DeactivationReason reason)
    {
        Task deactivated;
        bool schedule;
        lock (this)
        {
            if (_status == ActivationStatus.Invalid)
            {
                return Task.CompletedTask;
            }

            if (_status == ActivationStatus.Created && IsQueueEmpty)
            {
                _status = ActivationStatus.Invalid;
                _catalog.Remove(this);
                return Task.CompletedTask;
            }

            if (!_deactivationRequested)
            {
                RequestDeactivationLocked(reason);
            }

            schedule = TrySchedulePumpLocked();
            deactivated = DeactivatedTaskLocked();
        }

        if (schedule)
        {
            SchedulePump();
        }

        return deactivated;
    }

    void IThreadPoolWorkItem.Execute() => Pump();

    public override string ToString() => $"Activation {GrainId}";

    private bool IsQueueEmpty => _queue is null || _queue.Count == 0;

    private static void Observe(Task task)
    {
        if (task.IsCompleted)
        {
            _ = task.Exception;
        }
        else
        {
            task.ContinueWith(
                static t => _ = t.Exception,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private TurnKind EffectiveKind(TurnKind kind) => _grainClass.IsReentrant ? TurnKind.Interleave : kind;

    private bool CanStart(TurnKind kind) => kind switch
    {
        TurnKind.Interleave => true,
        TurnKind.ReadOnly => _runningExclusive == 0,
        _ => _runningExclusive == 0 && _runningReadOnly == 0,
    };

    private void EnterTurnLocked(TurnKind kind)
    {
        switch (kind)
        {
            case TurnKind.Exclusive:
                _runningExclusive++;
                break;
            case TurnKind.ReadOnly:
                _runningReadOnly++;
                break;
            default:
                _runningInterleaved++;
                break;
        }
    }

    private void EnqueueLocked(ActivationWorkItem item)
    {
        (_queue ??= new Queue<ActivationWorkItem>()).Enqueue(item);
        _catalog.Instruments.TurnQueued();
    }

    private List<ActivationWorkItem>? DrainQueueLocked()
    {
        if (IsQueueEmpty)
        {
            return null;
        }

        var items = new List<ActivationWorkItem>(_queue!);
        _queue = null;
        _catalog.Instruments.TurnsDequeued(items.Count);
        return items;
    }

    private void RequestDeactivationLocked(DeactivationReason reason)
    {
        _deactivationRequested = true;
        _deactivationReason = reason;
    }

    private Task DeactivatedTaskLocked() =>
        (_deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private bool NeedsPumpLocked() => _status switch
    {
        ActivationStatus.Created => !IsQueueEmpty,
        ActivationStatus.Active when _deactivationRequested => Running == 0,
        ActivationStatus.Active => !IsQueueEmpty && CanStart(EffectiveKind(_queue!.Peek().Kind)),
        _ => false,
    };

    private bool TrySchedulePumpLocked()
    {
        if (_pumpScheduled || !NeedsPumpLocked())
        {
            return false;
        }

        _pumpScheduled = true;
        return true;
    }

    public void SchedulePump() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    private void Pump()
    {
        while (true)
        {
            ActivationWorkItem? item = null;
            var kind = TurnKind.Exclusive;
            PumpStep step;
            lock (this)
            {
                step = NextStepLocked(ref item, ref kind);
                if (step == PumpStep.Idle)
                {
                    _pumpScheduled = false;
                    return;
                }
            }

            switch (step)
            {
                case PumpStep.Activate:
                    Observe(ActivateAsync());
                    break;
                case PumpStep.Deactivate:
                    Observe(DeactivateAsync());
                    break;
                default:
                    item!.Run(this, kind);
                    break;
            }
        }
    }

    private PumpStep NextStepLocked(ref ActivationWorkItem? item, ref TurnKind kind)
    {
        switch (_status)
        {
            case ActivationStatus.Created when !IsQueueEmpty:
                _status = ActivationStatus.Activating;
                return PumpStep.Activate;
            case ActivationStatus.Active when _deactivationRequested:
                if (Running != 0)
                {
                    return PumpStep.Idle;
                }

                _status = ActivationStatus.Deactivating;
                return PumpStep.Deactivate;
            case ActivationStatus.Active when !IsQueueEmpty:
                kind = EffectiveKind(_queue!.Peek().Kind);
                if (!CanStart(kind))
                {
                    return PumpStep.Idle;
                }

                item = _queue.Dequeue();
                _catalog.Instruments.TurnsDequeued(1);
                EnterTurnLocked(kind);
                return PumpStep.StartTurn;
            default:
                return PumpStep.Idle;
        }
    }

    private Task ActivateThenInvoke(GrainMethodInvoker method, object?[] arguments)
    {
        var activation = ActivateAsync();
        if (activation.IsCompletedSuccessfully)
        {
            return _catalog.Invoke(GrainId, method, arguments);
        }

        if (activation.IsFaulted)
        {
            return method.FromException(activation.Exception!.InnerException!);
        }

        return InvokeWhenActivated(activation, method, arguments);
    }

    // Kept out of ActivateThenInvoke so that the closure is allocated only when activation is asynchronous.
    private Task InvokeWhenActivated(Task activation, GrainMethodInvoker method, object?[] arguments) =>
        method.Then(activation, () => _catalog.Invoke(GrainId, method, arguments));

    private async Task ActivateAsync()
    {
        try
        {
            var grain = _grainClass.Create(_catalog.Services, this, out var states);
            _grain = grain;
            foreach (var state in states)
            {
                await ((IPersistentStateLoader)state!).ReadStateAsync(_catalog.ShutdownToken).ConfigureAwait(false);
            }

            await grain.OnActivateAsync(_catalog.ShutdownToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            FailActivation(exception);
            throw;
        }

        var now = _catalog.NowTicks;
        bool schedule;
        lock (this)
        {
            _status = ActivationStatus.Active;
            _lastActiveTicks = now;
            schedule = TrySchedulePumpLocked();
        }

        _catalog.OnActivated();
        if (schedule)
        {
            SchedulePump();
        }
    }

    private void FailActivation(Exception exception)
    {
        List<ActivationWorkItem>? rejected;
        List<IDisposable>? timers;
        TaskCompletionSource? deactivated;
        lock (this)
        {
            _status = ActivationStatus.Invalid;
            _catalog.Remove(this);
            rejected = DrainQueueLocked();
            timers = _timers;
            _timers = null;
            deactivated = _deactivated;
        }

        _catalog.OnActivationFailed(this, exception);
        DisposeTimers(timers);
        if (rejected is not null)
        {
            foreach (var item in rejected)
            {
                item.Reject(exception);
            }
        }

        deactivated?.TrySetResult();
    }

    private async Task DeactivateAsync()
    {
        DeactivationReason reason;
        List<IDisposable>? timers;
        lock (this)
        {
            reason = _deactivationReason;
            timers = _timers;
            _timers = null;
        }

        DisposeTimers(timers);
        try
        {
            using var timeout = new CancellationTokenSource(_catalog.DeactivationTimeout, _catalog.TimeProvider);
            await _grain!.OnDeactivateAsync(reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _catalog.OnDeactivationFailed(this, exception);
        }

        List<ActivationWorkItem>? rejected;
        GrainActivation? successor;
        TaskCompletionSource? deactivated;
        lock (this)
        {
            // The successor takes the queued calls before it becomes reachable, so a caller that finds this activation
            // gone and looks again queues behind them: calls keep the order in which they reached the grain.
            _status = ActivationStatus.Invalid;
            successor = _catalog.ReplaceWithSuccessor(this, DrainQueueLocked(), out rejected);
            deactivated = _deactivated;
        }

        _catalog.OnDeactivated(reason);
        successor?.SchedulePump();
        if (rejected is not null)
        {
            var exception = new ObjectDisposedException(ToString());
            foreach (var item in rejected)
            {
                item.Reject(item.IsForwardable ? Catalog.StoppingException(GrainId) : exception);
            }
        }

        deactivated?.TrySetResult();
    }

    private static void DisposeTimers(List<IDisposable>? timers)
    {
        if (timers is null)
        {
            return;
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }
}
