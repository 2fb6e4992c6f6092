using Orleans;

namespace Monitor.Storage;

/// <summary>
/// Rules every reminder table applies to a row: argument checks, and times kept in UTC to the microsecond (PostgreSQL's
/// resolution), as Orleans' ADO.NET tables keep them.
/// </summary>
internal static class ReminderRows
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    public static void Validate(ReminderEntry entry, bool forbidNul = false)
    {
        ArgumentNullException.ThrowIfNull(entry);
        StorageArguments.ValidateGrainId(entry.GrainId, forbidNul, $"{nameof(entry)}.{nameof(entry.GrainId)}");
        StorageArguments.ValidateName(entry.ReminderName, $"{nameof(entry)}.{nameof(entry.ReminderName)}", forbidNul);
        if (entry.Period < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException($"{nameof(entry)}.{nameof(entry.Period)}", entry.Period, "A reminder period must not be negative.");
        }

        if (entry.StartAt.ToUniversalTime() < DateTime.UnixEpoch)
        {
            throw new ArgumentOutOfRangeException($"{nameof(entry)}.{nameof(entry.StartAt)}", entry.StartAt, "A reminder must start after 1970-01-01 UTC.");
        }
    }

    public static long ToUnixMicroseconds(DateTime instant) => (instant.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        new(DateTime.UnixEpoch.Ticks + (microseconds * TicksPerMicrosecond), TimeSpan.Zero);

    public static long ToMicroseconds(TimeSpan period) => period.Ticks / TicksPerMicrosecond;

    public static TimeSpan FromMicroseconds(long microseconds) => TimeSpan.FromTicks(microseconds * TicksPerMicrosecond);
}
