namespace Monitor.Grains.Directories;

/// <summary>
/// Keeps the latest value per key and hands everything pending to <c>flush</c> once <c>delay</c> has passed since the
/// first value after the previous flush: many updates of a key in that time cost one write. <see cref="DisposeAsync"/>
/// flushes what is left.
/// </summary>
internal sealed class CoalescingFlusher<TValue> : IAsyncDisposable
{
    private readonly Func<IReadOnlyCollection<TValue>, Task> _flush;
    private readonly TimeSpan _delay;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TValue> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private bool _signalled;

    /// <param name="flush">Writes a batch of values; it must not throw (what it fails to write is not retried).</param>
    public CoalescingFlusher(TimeSpan delay, Func<IReadOnlyCollection<TValue>, Task> flush)
    {
        _delay = delay;
        _flush = flush;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Replaces the pending value of <paramref name="key"/>; the first one after a flush starts the delay.</summary>
    public void Set(string key, TValue value)
    {
        lock (_lock)
        {
            _pending[key] = value;
            if (_signalled)
            {
                return;
            }

            _signalled = true;
        }

        _signal.Release();
    }

    /// <summary>Drops the pending value of <paramref name="key"/>, if any.</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            _pending.Remove(key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _signal.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(_stopping.Token).ConfigureAwait(false);
                await Task.Delay(_delay, _stopping.Token).ConfigureAwait(false);
                await FlushAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: DisposeAsync flushes what is left.
        }
    }

    private Task FlushAsync()
    {
        TValue[] values;
        lock (_lock)
        {
            values = [.. _pending.Values];
            _pending.Clear();
            _signalled = false;
        }

        return values.Length == 0 ? Task.CompletedTask : _flush(values);
    }
}
