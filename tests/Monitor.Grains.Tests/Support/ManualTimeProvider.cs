namespace Monitor.Grains.Tests.Support;

/// <summary>
/// A clock the test sets and moves: from the time last set it runs on at real speed, and <see cref="Advance"/> jumps it
/// forward. It runs (rather than standing still) because the silo's services, Orleans' own included, use it: Orleans'
/// reminder service waits until a wall-clock time, which a clock standing still never reaches. Timers run on real time.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _setTo;
    private long _setAtTimestamp;

    public ManualTimeProvider(DateTimeOffset start)
    {
        _setTo = start.ToUniversalTime();
        _setAtTimestamp = System.GetTimestamp();
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _setTo + System.GetElapsedTime(_setAtTimestamp);
        }
    }

    public void Set(DateTimeOffset now)
    {
        lock (_lock)
        {
            _setTo = now.ToUniversalTime();
            _setAtTimestamp = System.GetTimestamp();
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
        {
            _setTo += by;
        }
    }
}
