using Monitor.Storage.GroupCommit;
using Orleans;

namespace Monitor.Storage.Reminders;

/// <summary>One reminder row waiting in the reminder table's group commit; its task completes with the row's new ETag.</summary>
internal sealed class ReminderUpsert(ReminderEntry entry) : GroupCommitEntry
{
    private readonly TaskCompletionSource<string?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReminderEntry Entry { get; } = entry;

    /// <summary>The new ETag, known once the statement ran; reported only after the transaction commits.</summary>
    public string? ETag { get; set; }

    /// <summary>One row per entry: the batch limit counts rows.</summary>
    public override int Items => 1;

    public Task<string?> Completion => _completion.Task;

    public void Succeed() => _completion.TrySetResult(ETag);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
