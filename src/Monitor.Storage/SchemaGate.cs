namespace Monitor.Storage;

/// <summary>
/// Runs a database's schema migration once, on first use, for every store that shares the database; a failed attempt
/// is retried by the next caller.
/// </summary>
public sealed class SchemaGate(Func<CancellationToken, Task> migrate)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    /// <summary>A gate for a database that needs no migration (memory).</summary>
    public static SchemaGate None { get; } = new(_ => Task.CompletedTask);

    /// <summary>Runs the migration unless it has run; concurrent callers wait for the one running it.</summary>
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
