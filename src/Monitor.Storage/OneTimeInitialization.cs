namespace Monitor.Storage;

/// <summary>Runs an asynchronous step once, on first use, for all callers; a failed attempt is retried by the next caller.</summary>
internal sealed class OneTimeInitialization(Func<CancellationToken, Task> step)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public bool IsDone => _done;

    public Task EnsureAsync(CancellationToken cancellationToken) => _done ? Task.CompletedTask : RunOnceAsync(cancellationToken);

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await step(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
