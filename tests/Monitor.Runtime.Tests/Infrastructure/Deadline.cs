namespace Monitor.Runtime.Tests.Infrastructure;

/// <summary>How long a test waits for something that should happen; generous, because reaching it means the test failed.</summary>
public static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task WithDeadline(this Task task) => task.WaitAsync(Default);

    public static Task<T> WithDeadline<T>(this Task<T> task) => task.WaitAsync(Default);
}
