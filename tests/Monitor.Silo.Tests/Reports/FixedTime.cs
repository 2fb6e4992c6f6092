namespace Monitor.Silo.Tests.Reports;

/// <summary>A clock that reads one instant: what the scheduler sees as "now" when a test drives it.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
