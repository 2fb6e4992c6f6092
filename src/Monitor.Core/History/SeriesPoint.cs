namespace Monitor.Core.History;

/// <summary>
/// One point of a history query. At raw resolution it is one observation (<see cref="Min"/> = <see cref="Max"/> =
/// <see cref="Followers"/>, <see cref="Count"/> = 1); at hour or day resolution it is a bucket starting at
/// <see cref="Timestamp"/>, with the counts of its last observation and the min and max of its followers.
/// </summary>
public readonly record struct SeriesPoint(
    DateTimeOffset Timestamp,
    long Followers,
    long? Following,
    long? Posts,
    long Min,
    long Max,
    DateTimeOffset First,
    DateTimeOffset Last,
    int Count);
