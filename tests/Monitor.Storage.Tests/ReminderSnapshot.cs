using Orleans;
using Orleans.Runtime;

namespace Monitor.Storage.Tests;

/// <summary>
/// The fields of a <see cref="ReminderEntry"/> as a value: Orleans' entry is a class compared by reference, so the
/// tests compare these instead. <see cref="StartAtKind"/> is kept because a table must hand back UTC times.
/// </summary>
public sealed record ReminderSnapshot(GrainId GrainId, string ReminderName, DateTime StartAt, DateTimeKind StartAtKind, TimeSpan Period, string? ETag)
{
    public static ReminderSnapshot Of(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.GrainId, entry.ReminderName, entry.StartAt, entry.StartAt.Kind, entry.Period, entry.ETag);
    }

    /// <summary>The snapshot of a read that may have found nothing.</summary>
    public static ReminderSnapshot? OfFound(ReminderEntry? entry) => entry is null ? null : Of(entry);
}
