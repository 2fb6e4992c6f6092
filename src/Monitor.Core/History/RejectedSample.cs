namespace Monitor.Core.History;

/// <summary>A sample the history did not store: its index in the submitted batch, the reason, and a message naming the values.</summary>
public readonly record struct RejectedSample(int Index, FollowerSample Sample, RejectionReason Reason, string Message);
