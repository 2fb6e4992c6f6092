namespace Monitor.Abstractions.Alerts;

/// <summary>A change to an alert as the live stream carries it; <see cref="Sequence"/> orders changes and resumes a stream.</summary>
public sealed record AlertChange(long Sequence, string Change, AlertView Alert);
