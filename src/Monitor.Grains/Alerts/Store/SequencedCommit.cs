namespace Monitor.Grains.Alerts.Store;

/// <summary>The outcome of <see cref="IAlertStore.CommitInSequenceAsync"/>: whether it wrote, and the log's last sequence after it.</summary>
public readonly record struct SequencedCommit(bool Committed, long LastSequence);
