using Monitor.Runtime.Tests.Infrastructure;

namespace Monitor.Runtime.Tests.Grains;

public sealed class TimerGrain(GrainProbe probe) : Grain, ITimerGrain
{
    private int _ticks;
    private int _running;
    private int _mostRunning;

    public Task StartAsync(TimeSpan dueTime, TimeSpan period)
    {
        RegisterGrainTimer(TickAsync, dueTime, period);
        return Task.CompletedTask;
    }

    public Task<int> GetMostConcurrentTicksAsync() => Task.FromResult(Volatile.Read(ref _mostRunning));

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Signal("deactivated");
        return Task.CompletedTask;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var running = Interlocked.Increment(ref _running);
        if (running > Volatile.Read(ref _mostRunning))
        {
            Volatile.Write(ref _mostRunning, running);
        }

        var tick = Interlocked.Increment(ref _ticks);
        probe.Signal("tick-start");
        await probe.Gate($"tick-{tick}");
        Interlocked.Decrement(ref _running);
        probe.Signal("tick-end");
    }
}
