namespace Monitor.Runtime.Tests.Grains;

public sealed class RelayGrain : Grain, IRelayGrain
{
    public Task<string> RelayAsync(ISimpleGrain target, string text) => target.EchoAsync(text);

    public Task<IRelayGrain> GetSelfAsync() => Task.FromResult(this.AsReference<IRelayGrain>(GrainFactory));
}
