using Monitor.Abstractions.Accounts;
using Monitor.Grains.Observations;

namespace Monitor.Grains.Accounts;

/// <summary>What the history did with a batch: the new points in time order (to log and detect), duplicates and rejections.</summary>
internal sealed record AppendOutcome(IReadOnlyList<ObservationRow> Added, int Duplicates, IReadOnlyList<RejectedObservation> Rejected);
