using System.Collections.Concurrent;

namespace Monitor.Runtime.Tests.Infrastructure;

/// <summary>
/// A per-silo singleton that test grains report to and wait on: counted events the test can await,
/// and gates the test opens to let a grain continue.
/// </summary>
public sealed class GrainProbe
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _counts = [];
    private readonly List<(string Name, int Count, TaskCompletionSource Reached)> _waiters = [];
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentQueue<string> _log = new();

    /// <summary>Entries grains appended, in order.</summary>
    public IReadOnlyList<string> Log => [.. _log];

    public void Append(string entry) => _log.Enqueue(entry);

    /// <summary>Counts one occurrence of <paramref name="name"/> and wakes waiters whose count is reached.</summary>
    public void Signal(string name)
    {
        List<TaskCompletionSource> reached = [];
        lock (_lock)
        {
            var count = _counts[name] = _counts.GetValueOrDefault(name) + 1;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Name == name && _waiters[i].Count <= count)
                {
                    reached.Add(_waiters[i].Reached);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in reached)
        {
            waiter.TrySetResult();
        }
    }

    public int Count(string name)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(name);
        }
    }

    /// <summary>Completes once <paramref name="name"/> has been signalled <paramref name="count"/> times; fails after the deadline.</summary>
    public Task WaitForAsync(string name, int count = 1)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_counts.GetValueOrDefault(name) >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((name, count, reached));
        }

        return reached.Task.WaitAsync(Deadline.Default);
    }

    /// <summary>A task grains await until the test opens the gate.</summary>
    public Task Gate(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Open(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
