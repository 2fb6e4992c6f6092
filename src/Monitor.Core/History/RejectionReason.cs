namespace Monitor.Core.History;

/// <summary>Why the history did not store a sample.</summary>
public enum RejectionReason
{
    /// <summary>Older than the latest stored point minus <see cref="FollowerHistoryOptions.OutOfOrderWindow"/>.</summary>
    TooOld,

    /// <summary>A point with the same timestamp (to the second) and different counts is already stored; the first one is kept.</summary>
    Conflict,
}
