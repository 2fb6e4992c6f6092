namespace Monitor.Runtime.Tests.Grains;

public interface INamedGrain : IGrainWithStringKey
{
    Task<string> GetIdAsync();
}
