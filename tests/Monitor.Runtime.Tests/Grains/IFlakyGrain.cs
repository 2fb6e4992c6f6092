namespace Monitor.Runtime.Tests.Grains;

public interface IFlakyGrain : IGrainWithStringKey
{
    Task<string> PingAsync();
}
