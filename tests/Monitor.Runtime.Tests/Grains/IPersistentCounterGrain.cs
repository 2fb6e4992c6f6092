namespace Monitor.Runtime.Tests.Grains;

public interface IPersistentCounterGrain : IGrainWithStringKey
{
    /// <summary>Increments, writes the state, returns the new value.</summary>
    Task<int> IncrementAsync(string note);

    [ReadOnly]
    Task<(int Value, bool RecordExists, IReadOnlyList<string> History)> GetAsync();

    Task ClearAsync();

    Task DeactivateAsync();
}
