namespace Monitor.Runtime.Tests.Grains;

/// <summary>A valid grain interface that no registered class implements.</summary>
public interface IUnimplementedGrain : IGrainWithStringKey
{
    Task PingAsync();
}
