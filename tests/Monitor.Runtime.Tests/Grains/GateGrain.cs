using Monitor.Runtime.Tests.Infrastructure;

namespace Monitor.Runtime.Tests.Grains;

/// <summary>Calls that block on a probe gate, to observe which calls overlap.</summary>
public sealed class GateGrain(GrainProbe probe) : Grain, IGateGrain
{
    public async Task ReadAsync(string id)
    {
        probe.Append($"read-start:{id}");
        probe.Signal("read-entered");
        await probe.Gate("release");
        probe.Append($"read-end:{id}");
    }

    public async Task WriteAsync(string id)
    {
        probe.Append($"write-start:{id}");
        probe.Signal("write-entered");
        await probe.Gate("release");
        probe.Append($"write-end:{id}");
    }

    public Task PingAsync()
    {
        probe.Signal("ping");
        return Task.CompletedTask;
    }
}
