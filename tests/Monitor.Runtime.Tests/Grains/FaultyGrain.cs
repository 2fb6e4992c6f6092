using Monitor.Runtime.Tests.Infrastructure;

namespace Monitor.Runtime.Tests.Grains;

public sealed class FaultyGrain(GrainProbe probe) : Grain, IFaultyGrain
{
    public Task ThrowAsync(string message) => throw new InvalidOperationException(message);

    public async Task<int> ThrowAfterAwaitAsync(string message)
    {
        await Task.Yield();
        throw new GrainTestException(message) { Code = 42 };
    }

    public async ValueTask<int> ThrowFromValueTaskAsync(string message)
    {
        await Task.Yield();
        throw new ArgumentOutOfRangeException(nameof(message), message, "value task failure");
    }

    public async Task<int> NeverAsync()
    {
        await probe.Gate("never");
        return 1;
    }

    public Task<string> PingAsync() => Task.FromResult("pong");
}
