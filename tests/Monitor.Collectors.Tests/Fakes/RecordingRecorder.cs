using System.Collections.Concurrent;
using Monitor.Collectors.Polling;
using Monitor.Collectors.Scheduling;

namespace Monitor.Collectors.Tests.Fakes;

/// <summary>A poll recorder that keeps what it is given, for scheduler tests that do not need grains.</summary>
public sealed class RecordingRecorder : IPollRecorder
{
    private readonly ConcurrentQueue<(AccountPollResult Result, DateTimeOffset At)> _results = new();

    /// <summary>Everything recorded, in order.</summary>
    public IReadOnlyList<(AccountPollResult Result, DateTimeOffset At)> Results => [.. _results];

    public Task RecordAsync(PolledAccount account, AccountPollResult result, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        _results.Enqueue((result, at));
        return Task.CompletedTask;
    }
}
