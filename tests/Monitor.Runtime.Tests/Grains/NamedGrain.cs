namespace Monitor.Runtime.Tests.Grains;

/// <summary>A grain with a stable type name.</summary>
[GrainType("named")]
public sealed class NamedGrain : Grain, INamedGrain
{
    public Task<string> GetIdAsync() => Task.FromResult(GrainId.ToString());
}
