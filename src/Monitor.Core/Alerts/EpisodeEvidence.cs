namespace Monitor.Core.Alerts;

/// <summary>
/// The figures that justify an episode. Rates are followers per day; <see cref="ZScore"/> is the most extreme robust z seen;
/// <see cref="Change"/> is the net change in followers since the episode started and <see cref="RelativeChange"/> that change
/// as a fraction of the followers at the start (0 when the start count is 0). The peak is the most extreme interval: the
/// highest rate for spikes and surges, the lowest follower count for drops, the last observation for stalls.
/// </summary>
public readonly record struct EpisodeEvidence(
    DateTimeOffset PeakAt,
    long PeakFollowers,
    double PeakRatePerDay,
    double BaselineRatePerDay,
    double ObservedRatePerDay,
    double ZScore,
    long Change,
    double RelativeChange);
