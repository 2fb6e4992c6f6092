namespace Monitor.Core.Entities;

/// <summary>One reading of an account's counts (a daily or raw history point); <see cref="Posts"/> is null when the platform gives none.</summary>
public readonly record struct CountPoint(DateTimeOffset At, long Followers, long? Posts);
