using Monitor.Runtime.Tests.Infrastructure;

namespace Monitor.Runtime.Tests.Grains;

public sealed class TickingGrain(GrainProbe probe) : Grain, ITickingGrain
{
    public Task StartAsync(TimeSpan period, bool keepAlive)
    {
        RegisterGrainTimer(
            static (state, _) =>
            {
                state.probe.Signal($"tick:{state.key}");
                return Task.CompletedTask;
            },
            (probe, key: GrainId.Key),
            new GrainTimerCreationOptions(period, period) { KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Append($"deactivated:{GrainId.Key}:{reason.ReasonCode}");
        return Task.CompletedTask;
    }
}
