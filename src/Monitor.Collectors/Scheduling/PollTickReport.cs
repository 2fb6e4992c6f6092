namespace Monitor.Collectors.Scheduling;

/// <summary>What one scheduler tick did: accounts due and polled, requests sent, and why it stopped early (null when it did not).</summary>
public sealed record PollTickReport(string Platform, int Due, int Polled, int Requests, string? StoppedBecause);
