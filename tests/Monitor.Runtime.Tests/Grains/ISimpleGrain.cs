namespace Monitor.Runtime.Tests.Grains;

public interface ISimpleGrain : IGrainWithStringKey
{
    Task<string> EchoAsync(string text);

    Task<int> IncrementAsync();

    Task<string> GetIdentityAsync();

    Task DeactivateAsync();

    Task KeepAliveAsync(TimeSpan duration);
}
