namespace Monitor.Core.History;

/// <summary>What <see cref="FollowerHistory.Append(IEnumerable{FollowerSample})"/> did with a batch.</summary>
public sealed class AppendResult
{
    internal AppendResult(IReadOnlyList<FollowerSample> added, int duplicates, IReadOnlyList<RejectedSample> rejected)
    {
        Added = added;
        Duplicates = duplicates;
        Rejected = rejected;
    }

    /// <summary>The samples stored, in time order, with timestamps truncated to whole seconds (hand these to the detector).</summary>
    public IReadOnlyList<FollowerSample> Added { get; }

    /// <summary>How many samples repeated a stored point exactly (same second, same counts) and were ignored.</summary>
    public int Duplicates { get; }

    /// <summary>The samples not stored (too old, or conflicting with a stored point), with reasons.</summary>
    public IReadOnlyList<RejectedSample> Rejected { get; }

    /// <summary>How many of <see cref="Rejected"/> are conflicts.</summary>
    public int Conflicts => Rejected.Count(r => r.Reason == RejectionReason.Conflict);
}
