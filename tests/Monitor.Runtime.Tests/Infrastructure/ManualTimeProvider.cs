namespace Monitor.Runtime.Tests.Infrastructure;

/// <summary>
/// A clock that moves only when the test calls <see cref="Advance"/>; timers fire synchronously inside Advance, in due order.
/// Tests can see which timers are armed, and wait for one to be armed.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(Func<ManualTimeProvider, bool> Condition, TaskCompletionSource Met)> _waiters = [];
    private DateTimeOffset _now;

    public ManualTimeProvider(DateTimeOffset start)
    {
        _now = start;
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Due times of the armed timers whose callback state satisfies <paramref name="stateFilter"/>.</summary>
    public IReadOnlyList<DateTimeOffset> ArmedDueTimes(Func<object?, bool> stateFilter)
    {
        lock (_lock)
        {
            return [.. _timers.Where(t => t.DueAt is not null && stateFilter(t.State)).Select(t => t.DueAt!.Value).Order()];
        }
    }

    /// <summary>Completes when <paramref name="condition"/> holds (checked now and whenever a timer changes); fails after the deadline.</summary>
    public Task WaitUntilAsync(Func<ManualTimeProvider, bool> condition)
    {
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, met));
        }

        NotifyChanged();
        return met.Task.WaitAsync(Deadline.Default);
    }

    /// <summary>Moves the clock forward, firing each timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + by;
        }

        while (true)
        {
            ManualTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.DueAt is not null && t.DueAt <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    _now = target;
                    break;
                }

                if (next.DueAt > _now)
                {
                    _now = next.DueAt!.Value;
                }

                next.DueAt = next.Period == Timeout.InfiniteTimeSpan ? null : _now + next.Period;
            }

            next.Callback(next.State);
        }

        NotifyChanged();
    }

    private void NotifyChanged()
    {
        List<TaskCompletionSource> met = [];
        lock (_lock)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition(this))
                {
                    met.Add(_waiters[i].Met);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in met)
        {
            waiter.TrySetResult();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan Period { get; private set; } = Timeout.InfiniteTimeSpan;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                if (!clock._timers.Contains(this))
                {
                    return false;
                }

                Period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
            }

            clock.NotifyChanged();
            return true;
        }

        public void Dispose()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
            }

            clock.NotifyChanged();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
