namespace Monitor.Evaluation.Detection;

/// <summary>The kinds of follower events the suite labels and the detector reports.</summary>
internal enum EventKind
{
    /// <summary>A single interval far above the baseline.</summary>
    Spike,

    /// <summary>A sustained elevated rate.</summary>
    Surge,

    /// <summary>Counts falling beyond noise (a purge, a suspension).</summary>
    Drop,

    /// <summary>No data for longer than expected.</summary>
    Stall,

    /// <summary>The account could not be read; never labelled by the suite.</summary>
    Unavailable,
}
