using Monitor.Abstractions.Accounts;
using Monitor.Core.Accounts;
using Monitor.Grains.Observations;

namespace Monitor.Grains.Accounts;

/// <summary>
/// What the history did with a batch: the new points in time order (to log and detect), duplicates, rejections, and the
/// points too old for the history's out-of-order window, which are duplicates if the log already holds them; and the count
/// resolution the batch declared (its latest observation's that says), if any.
/// </summary>
internal sealed record AppendOutcome(
    IReadOnlyList<ObservationRow> Added,
    int Duplicates,
    IReadOnlyList<RejectedObservation> Rejected,
    IReadOnlyList<RejectedObservation> TooOld,
    CountResolution? Resolution = null);
