namespace Monitor.Runtime.Tests.Grains;

/// <summary>Invalid: a grain interface with a synchronous method.</summary>
public interface ISynchronousGrain : IGrainWithStringKey
{
    int Compute(int value);
}
