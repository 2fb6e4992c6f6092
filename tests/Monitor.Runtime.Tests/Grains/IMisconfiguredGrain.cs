namespace Monitor.Runtime.Tests.Grains;

public interface IMisconfiguredGrain : IGrainWithStringKey
{
    Task PingAsync();
}
