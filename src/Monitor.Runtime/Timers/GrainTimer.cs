using Monitor.Runtime.Activation;

namespace Monitor.Runtime.Timers;

/// <summary>
/// A grain timer. It is its own queue entry: each tick is a turn of the activation, the timer is re-armed only when the tick ends
/// (so ticks never overlap and the period runs from the end of one tick), and the activation disposes it on deactivation.
/// </summary>
internal sealed class GrainTimer<TState> : ActivationWorkItem, IGrainTimer
{
    private readonly GrainActivation _activation;
    private readonly Func<TState, CancellationToken, Task> _callback;
    private readonly TState _state;
    private readonly bool _interleave;
    private readonly bool _keepAlive;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _cancellation = new();
    private TimeSpan _period;
    private TimeSpan? _dueAfterTick;
    private bool _ticking;
    private bool _disposed;

    public GrainTimer(GrainActivation activation, Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        Validate(options.DueTime, options.Period);
        _activation = activation;
        _callback = callback;
        _state = state;
        _interleave = options.Interleave;
        _keepAlive = options.KeepAlive;
        _period = options.Period;
        _timer = activation.Catalog.TimeProvider.CreateTimer(
            static timer => ((GrainTimer<TState>)timer!).OnDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public override TurnKind Kind => _interleave ? TurnKind.Interleave : TurnKind.Exclusive;

    public override bool KeepsAlive => _keepAlive;

    public override bool IsForwardable => false;

    /// <summary>Arms the first tick (after the activation has recorded the timer).</summary>
    public void Start(TimeSpan dueTime)
    {
        lock (this)
        {
            if (!_disposed && dueTime != Timeout.InfiniteTimeSpan)
            {
                _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        lock (this)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _period = period;
            if (_ticking)
            {
                _dueAfterTick = dueTime;
            }
            else
            {
                _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (this)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _timer.Dispose();
        _cancellation.Cancel();
        _activation.RemoveTimer(this);
    }

    public override void Reject(Exception exception)
    {
        lock (this)
        {
            _ticking = false;
        }
    }

    protected override Task Start(GrainActivation activation) => TickAsync();

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if ((dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) || dueTime.TotalMilliseconds > uint.MaxValue - 2)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be zero or positive (at most 49 days), or infinite.");
        }

        if ((period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan) || period.TotalMilliseconds > uint.MaxValue - 2)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be positive (at most 49 days), or infinite for a single tick.");
        }
    }

    private void OnDue()
    {
        lock (this)
        {
            if (_disposed || _ticking)
            {
                return;
            }

            _ticking = true;
        }

        if (!_activation.TryEnqueue(this))
        {
            Dispose();
        }
    }

    private async Task TickAsync()
    {
        try
        {
            if (!_cancellation.IsCancellationRequested)
            {
                await _callback(_state, _cancellation.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // The timer was disposed or the activation is deactivating.
        }
        catch (Exception exception)
        {
            _activation.Catalog.OnTimerFailed(_activation, exception);
        }
        finally
        {
            lock (this)
            {
                _ticking = false;
                var due = _dueAfterTick ?? _period;
                _dueAfterTick = null;
                if (!_disposed && due != Timeout.InfiniteTimeSpan)
                {
                    _timer.Change(due, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }
}
