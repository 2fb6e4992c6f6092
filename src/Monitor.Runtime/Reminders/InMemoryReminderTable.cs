using Monitor.Runtime.Storage;

namespace Monitor.Runtime.Reminders;

/// <summary>A reminder table in process memory, for unit tests and throw-away runs; behaves like the SQL tables.</summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId GrainId, string ReminderName), ReminderEntry> _rows = [];
    private readonly Lock _lock = new();
    private long _lastVersion;

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _rows.Values]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        StorageArguments.ValidateGrainId(grainId);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>([.. _rows.Values.Where(row => row.GrainId == grainId)]);
        }
    }

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        StorageArguments.ValidateGrainId(grainId);
        StorageArguments.ValidateName(reminderName, nameof(reminderName));
        lock (_lock)
        {
            return Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));
        }
    }

    /// <inheritdoc />
    /// <remarks>Unconditional, as in Orleans: the entry's own ETag is ignored.</remarks>
    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ReminderRows.Validate(entry);
        lock (_lock)
        {
            var eTag = VersionETag.Format(++_lastVersion);
            _rows[(entry.GrainId, entry.ReminderName)] = ReminderRows.Normalize(entry, eTag);
            return Task.FromResult(eTag);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        StorageArguments.ValidateGrainId(grainId);
        StorageArguments.ValidateName(reminderName, nameof(reminderName));
        ArgumentNullException.ThrowIfNull(eTag);
        lock (_lock)
        {
            var key = (grainId, reminderName);
            var removed = _rows.TryGetValue(key, out var row) && string.Equals(row.ETag, eTag, StringComparison.Ordinal) && _rows.Remove(key);
            return Task.FromResult(removed);
        }
    }
}
