using Monitor.Runtime.Tests.Infrastructure;

namespace Monitor.Runtime.Tests.Grains;

/// <summary>Its first activation in a silo fails in OnActivateAsync; later ones succeed.</summary>
public sealed class FlakyGrain : Grain, IFlakyGrain
{
    private readonly GrainProbe _probe;

    public FlakyGrain(GrainProbe probe)
    {
        _probe = probe;
        probe.Signal("constructed");
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        _probe.Signal("activating");
        if (_probe.Count("activating") == 1)
        {
            throw new GrainTestException("first activation fails") { Code = 7 };
        }
    }

    public Task<string> PingAsync() => Task.FromResult("pong");
}
