namespace Monitor.Runtime.Tests.Grains;

public interface IGatedFailureGrain : IGrainWithStringKey
{
    Task<string> PingAsync();
}
