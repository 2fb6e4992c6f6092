using Monitor.Storage.GroupCommit;
using Orleans.Runtime;
using Orleans.Storage;

namespace Monitor.Storage;

/// <summary>
/// One write or clear of grain state waiting in a <see cref="GroupCommitQueue{TEntry}"/>. Its task completes after the batch holding it commits:
/// with the row's new version (null after a clear), or with <see cref="InconsistentStateException"/> on an ETag conflict.
/// </summary>
internal sealed class StorageOperation : GroupCommitEntry
{
    private readonly TaskCompletionSource<long?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _applied;
    private long? _outcomeVersion;

    public StorageOperation(StorageOperationKind kind, string stateName, GrainId grainId, byte[]? payload, string? expectedETag)
    {
        Kind = kind;
        StateName = stateName;
        GrainId = grainId;
        GrainType = grainId.Type.ToString()!;
        GrainKey = grainId.Key.ToString()!;
        Payload = payload;
        ExpectedETag = expectedETag;
        ExpectedVersion = VersionETag.Parse(expectedETag);
    }

    public StorageOperationKind Kind { get; }

    public string StateName { get; }

    public GrainId GrainId { get; }

    public string GrainType { get; }

    public string GrainKey { get; }

    /// <summary>The serialised state (null for a clear).</summary>
    public byte[]? Payload { get; }

    public string? ExpectedETag { get; }

    /// <summary>The version the caller expects, null when it expects no row.</summary>
    public long? ExpectedVersion { get; }

    /// <summary>One operation per item: the batch limit counts operations.</summary>
    public override int Items => 1;

    /// <summary>The payload's length: the batch byte limit counts payloads.</summary>
    public override long Bytes => Payload?.Length ?? 0;

    public Task<long?> Completion => _completion.Task;

    /// <summary>Cancels the operation only while it is still queued: once in a batch it runs to its outcome.</summary>
    public CancellationTokenRegistration RegisterCancellation(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static (state, token) =>
            {
                var operation = (StorageOperation)state!;
                if (operation.TryCancel())
                {
                    operation._completion.TrySetCanceled(token);
                }
            }, this)
            : default;

    /// <summary>Notes what the batch did to the row; reported by <see cref="CompleteWithOutcome"/> once the batch has committed.</summary>
    /// <param name="version">The new version when applied (null after a clear), else the stored version (null when no row).</param>
    public void RecordOutcome(bool applied, long? version)
    {
        _applied = applied;
        _outcomeVersion = version;
    }

    public void CompleteWithOutcome()
    {
        if (_applied)
        {
            Succeed(_outcomeVersion);
        }
        else
        {
            Conflict(_outcomeVersion);
        }
    }

    public void Succeed(long? newVersion) => _completion.TrySetResult(newVersion);

    public void Conflict(long? storedVersion)
    {
        var stored = VersionETag.Format(storedVersion);
        var verb = Kind == StorageOperationKind.Write ? "write" : "clear";
        var message = $"ETag conflict on {verb} of state '{StateName}' of grain '{GrainId}': the grain held ETag " +
                      $"'{ExpectedETag ?? "<none>"}' but storage has {(stored is null ? "no record" : $"ETag '{stored}'")}.";
        _completion.TrySetException(new InconsistentStateException(message, stored!, ExpectedETag!));
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
