using Monitor.Abstractions.Accounts;

namespace Monitor.Cluster.Tests.Processes;

/// <summary>A batch the cluster acknowledged: its observations, the silo it was posted to, and when (<see cref="System.Diagnostics.Stopwatch"/> timestamps) it was first sent and acknowledged.</summary>
public sealed record AcknowledgedBatch(IReadOnlyList<ObservationInput> Observations, string Silo, long SentAt, long AcknowledgedAt);
