using Orleans;
using Orleans.Runtime;

namespace Monitor.Storage.Tests;

/// <summary>Builds Orleans <see cref="ReminderEntry"/>s; defaults to a fresh grain, an hourly reminder starting at a whole second (UTC).</summary>
public sealed class ReminderEntryBuilder
{
    private GrainId _grain = TestGrains.NewAccount();
    private string _name = "poll";
    private DateTimeOffset _startAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private TimeSpan _period = TimeSpan.FromHours(1);

    public ReminderEntryBuilder ForGrain(GrainId grain)
    {
        _grain = grain;
        return this;
    }

    public ReminderEntryBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public ReminderEntryBuilder StartingAt(DateTimeOffset startAt)
    {
        _startAt = startAt;
        return this;
    }

    public ReminderEntryBuilder Every(TimeSpan period)
    {
        _period = period;
        return this;
    }

    public ReminderEntry Build() => new()
    {
        GrainId = _grain,
        ReminderName = _name,
        StartAt = _startAt.UtcDateTime,
        Period = _period,
        ETag = null,
    };
}
