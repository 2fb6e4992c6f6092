namespace Monitor.Core.Entities;

/// <summary>
/// One account's reading over the window: its followers' change over the widened window, its posts' change over the alert's own window, its baseline rate (the median
/// daily rate over the baseline period before the window) and its rate inside the window, both in followers per day.
/// </summary>
public sealed record AccountReading(
    string Account,
    string Platform,
    AccountMovement Movement,
    long? FollowersChange,
    long? PostsChange,
    double? BaselineRatePerDay,
    double? ObservedRatePerDay);
