namespace Monitor.Runtime.Tests.Grains;

/// <summary>Invalid: a grain interface with a property.</summary>
public interface IPropertyGrain : IGrainWithStringKey
{
    Task<int> Value { get; }
}
