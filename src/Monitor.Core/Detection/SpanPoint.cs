namespace Monitor.Core.Detection;

/// <summary>
/// One stored observation of a span handed to <see cref="AccountDetector.ObserveLate"/>: <see cref="Late"/> when it arrived
/// after the detector had observed a later point (so the detector judged the interval around it as one).
/// </summary>
public readonly record struct SpanPoint(DateTimeOffset Timestamp, long Followers, bool Late);
