namespace Monitor.Grains;

/// <summary>Runs the schema migration once, on first use, for every store that shares a database; a failure is retried by the next caller.</summary>
internal sealed class SchemaGate(Func<CancellationToken, Task> migrate)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    /// <summary>A gate for a database that needs no migration (memory).</summary>
    public static SchemaGate None { get; } = new(_ => Task.CompletedTask);

    public Task EnsureAsync(CancellationToken cancellationToken) => _done ? Task.CompletedTask : MigrateOnceAsync(cancellationToken);

    private async Task MigrateOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_done)
            {
                await migrate(cancellationToken).ConfigureAwait(false);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
