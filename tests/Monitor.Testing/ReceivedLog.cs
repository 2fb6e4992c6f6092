namespace Monitor.Testing;

/// <summary>
/// What a loopback receiver got, in arrival order, and a way for a test to wait on a condition over it: the waiter wakes
/// on each arrival, never on a timer.
/// </summary>
public sealed class ReceivedLog<T>
{
    private readonly List<T> _items = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Everything so far, in the order it arrived.</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_lock)
            {
                return [.. _items];
            }
        }
    }

    /// <summary>Records <paramref name="item"/> and wakes the waiters.</summary>
    public void Add(T item)
    {
        lock (_lock)
        {
            _items.Add(item);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>
    /// Waits (up to <paramref name="timeout"/>) until <paramref name="condition"/> holds for what arrived and returns it; on
    /// timeout throws a <see cref="TimeoutException"/> whose message <paramref name="describeTimeout"/> writes from it.
    /// </summary>
    public async Task<IReadOnlyList<T>> WaitUntilAsync(
        Func<IReadOnlyList<T>, bool> condition, TimeSpan timeout, Func<IReadOnlyList<T>, string> describeTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describeTimeout);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (condition(_items))
                {
                    return [.. _items];
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(describeTimeout(Items));
            }
        }
    }
}
