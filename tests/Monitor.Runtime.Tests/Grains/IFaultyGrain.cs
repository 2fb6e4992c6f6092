namespace Monitor.Runtime.Tests.Grains;

public interface IFaultyGrain : IGrainWithStringKey
{
    /// <summary>Throws before returning a task.</summary>
    Task ThrowAsync(string message);

    /// <summary>Throws <see cref="GrainTestException"/> after an await.</summary>
    Task<int> ThrowAfterAwaitAsync(string message);

    /// <summary>Throws from a ValueTask-returning method after an await.</summary>
    ValueTask<int> ThrowFromValueTaskAsync(string message);

    /// <summary>Never completes: awaits a gate nobody opens.</summary>
    Task<int> NeverAsync();

    Task<string> PingAsync();
}
