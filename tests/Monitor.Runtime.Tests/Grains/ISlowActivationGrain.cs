namespace Monitor.Runtime.Tests.Grains;

public interface ISlowActivationGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();
}
