namespace Monitor.Grains.Observations;

/// <summary>
/// One observation as the log stores it. <see cref="Seq"/> is the log sequence (0 before the row is written);
/// timestamps are kept to the microsecond, the precision both databases store.
/// </summary>
public readonly record struct ObservationRow(
    string Account,
    DateTimeOffset Timestamp,
    long Followers,
    long? Following,
    long? Posts,
    string? Source,
    long Seq = 0);
