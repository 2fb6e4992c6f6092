using Monitor.Runtime.Tests.Infrastructure;

namespace Monitor.Runtime.Tests.Grains;

/// <summary>Returns how many calls were inside at once; interleaved turns may run on different threads, hence the interlocked counters.</summary>
[Reentrant]
public sealed class ReentrantGateGrain(GrainProbe probe) : Grain, IReentrantGateGrain
{
    private int _inside;
    private int _mostInside;

    public async Task<int> EnterAsync()
    {
        var inside = Interlocked.Increment(ref _inside);
        InterlockedMax(ref _mostInside, inside);
        probe.Signal("entered");
        await probe.Gate("release");
        Interlocked.Decrement(ref _inside);
        return Volatile.Read(ref _mostInside);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Volatile.Read(ref target);
        }
    }
}
