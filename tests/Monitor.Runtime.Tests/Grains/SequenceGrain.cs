using Monitor.Runtime.Tests.Infrastructure;

namespace Monitor.Runtime.Tests.Grains;

/// <summary>Logs "start:n"/"end:n" around awaits and signals "interleaved" if a call starts while another is inside.</summary>
public sealed class SequenceGrain(GrainProbe probe) : Grain, ISequenceGrain
{
    private bool _inside;

    public async Task RecordAsync(int step)
    {
        if (_inside)
        {
            probe.Signal("interleaved");
        }

        _inside = true;
        probe.Append($"start:{step}");
        for (var i = 0; i < 3; i++)
        {
            await Task.Yield();
        }

        probe.Append($"end:{step}");
        _inside = false;
    }
}
