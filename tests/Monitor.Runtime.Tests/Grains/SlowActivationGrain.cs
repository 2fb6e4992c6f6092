using Monitor.Runtime.Tests.Infrastructure;

namespace Monitor.Runtime.Tests.Grains;

/// <summary>Activates asynchronously, so that concurrent first calls pile up while it activates.</summary>
public sealed class SlowActivationGrain : Grain, ISlowActivationGrain
{
    private int _count;

    public SlowActivationGrain(GrainProbe probe)
    {
        probe.Signal("constructed");
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 10; i++)
        {
            await Task.Yield();
        }
    }

    public async Task<int> IncrementAsync()
    {
        var next = _count + 1;
        await Task.Yield();
        _count = next;
        return next;
    }
}
