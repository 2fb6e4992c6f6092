using Monitor.Runtime.Tests.Infrastructure;

namespace Monitor.Runtime.Tests.Grains;

/// <summary>OnActivateAsync signals "activating", waits for the gate "activate", then fails.</summary>
public sealed class GatedFailureGrain : Grain, IGatedFailureGrain
{
    private readonly GrainProbe _probe;

    public GatedFailureGrain(GrainProbe probe)
    {
        _probe = probe;
        probe.Signal("constructed");
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _probe.Signal("activating");
        await _probe.Gate("activate");
        throw new GrainTestException("storage unreachable") { Code = 503 };
    }

    public Task<string> PingAsync() => Task.FromResult("pong");
}
