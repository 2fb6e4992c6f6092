namespace Monitor.Runtime.Activation;

/// <summary>How a turn may overlap other turns of the same activation.</summary>
internal enum TurnKind
{
    /// <summary>Runs alone: no other turn starts until it completes (the default).</summary>
    Exclusive,

    /// <summary>A <see cref="ReadOnlyAttribute"/> call: overlaps other read-only turns only.</summary>
    ReadOnly,

    /// <summary>An <see cref="AlwaysInterleaveAttribute"/> call or any turn of a <see cref="ReentrantAttribute"/> grain: overlaps anything.</summary>
    Interleave,
}
