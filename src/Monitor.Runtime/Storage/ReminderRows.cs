using Monitor.Runtime.Reminders;

namespace Monitor.Runtime.Storage;

/// <summary>
/// Rules every reminder table applies to a row: argument checks, and times kept in UTC to the microsecond (PostgreSQL's
/// resolution), so all tables return the same <see cref="ReminderEntry"/> for the same input.
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

        if (entry.StartAt.UtcDateTime < DateTime.UnixEpoch)
        {
            throw new ArgumentOutOfRangeException($"{nameof(entry)}.{nameof(entry.StartAt)}", entry.StartAt, "A reminder must start after 1970-01-01 UTC.");
        }
    }

    /// <summary>The entry as stored: <see cref="ReminderEntry.StartAt"/> in UTC and both times truncated to whole microseconds.</summary>
    public static ReminderEntry Normalize(ReminderEntry entry, string eTag) => entry with
    {
        StartAt = FromUnixMicroseconds(ToUnixMicroseconds(entry.StartAt)),
        Period = TimeSpan.FromTicks(entry.Period.Ticks / TicksPerMicrosecond * TicksPerMicrosecond),
        ETag = eTag,
    };

    public static long ToUnixMicroseconds(DateTimeOffset instant) => (instant.UtcTicks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        new(DateTime.UnixEpoch.Ticks + (microseconds * TicksPerMicrosecond), TimeSpan.Zero);

    public static long ToMicroseconds(TimeSpan period) => period.Ticks / TicksPerMicrosecond;

    public static TimeSpan FromMicroseconds(long microseconds) => TimeSpan.FromTicks(microseconds * TicksPerMicrosecond);
}
