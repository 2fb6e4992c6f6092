using Monitor.Runtime.Tests.Infrastructure;

namespace Monitor.Runtime.Tests.Grains;

/// <summary>Counts in memory and reports its life cycle to the probe ("constructed", "deactivated", log "deactivated:key:reason").</summary>
public sealed class SimpleGrain : Grain, ISimpleGrain
{
    private readonly GrainProbe _probe;
    private int _count;

    public SimpleGrain(GrainProbe probe)
    {
        _probe = probe;
        probe.Signal("constructed");
    }

    public Task<string> EchoAsync(string text) => Task.FromResult($"{GrainId.Key}:{text}");

    public Task<int> IncrementAsync() => Task.FromResult(++_count);

    public Task<string> GetIdentityAsync() => Task.FromResult(IdentityString);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task KeepAliveAsync(TimeSpan duration)
    {
        DelayDeactivation(duration);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _probe.Append($"deactivated:{GrainId.Key}:{reason.ReasonCode}");
        _probe.Signal("deactivated");
        return Task.CompletedTask;
    }
}
