using Microsoft.Extensions.Hosting;
using Monitor.Runtime.Activation;

namespace Monitor.Runtime.Hosting;

/// <summary>Runs the catalog with the host: periodic idle collection while running, deactivation of every activation on stop.</summary>
internal sealed class SiloLifecycleService : IHostedService, IAsyncDisposable
{
    private readonly Catalog _catalog;
    private ITimer? _collectionTimer;
    private ITimer? _clockTimer;
    private int _collecting;

    public SiloLifecycleService(Catalog catalog)
    {
        _catalog = catalog;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var quantum = _catalog.Options.CollectionQuantum;
        var resolution = Catalog.ClockResolution;
        _clockTimer = _catalog.TimeProvider.CreateTimer(static state => ((Catalog)state!).RefreshClock(), _catalog, resolution, resolution);
        _collectionTimer = _catalog.TimeProvider.CreateTimer(static state => ((SiloLifecycleService)state!).Collect(), this, quantum, quantum);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync().ConfigureAwait(false);

        await _catalog.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_collectionTimer is not null)
        {
            await _collectionTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_clockTimer is not null)
        {
            await _clockTimer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Collect()
    {
        // A pass that outlasts the quantum is not overlapped by the next one.
        if (Interlocked.Exchange(ref _collecting, 1) == 1)
        {
            return;
        }

        _catalog.CollectIdleAsync(_catalog.TimeProvider.GetUtcNow())
            .ContinueWith(
                static (pass, state) =>
                {
                    _ = pass.Exception;
                    Volatile.Write(ref ((SiloLifecycleService)state!)._collecting, 0);
                },
                this,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
    }
}
