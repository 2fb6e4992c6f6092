namespace Monitor.Runtime.Tests.Grains;

public interface IRelayGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="target"/>, a reference passed as an argument.</summary>
    Task<string> RelayAsync(ISimpleGrain target, string text);

    /// <summary>Returns a reference to itself obtained through the runtime.</summary>
    Task<IRelayGrain> GetSelfAsync();
}
