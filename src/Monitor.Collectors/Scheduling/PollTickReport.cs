using Orleans;

namespace Monitor.Collectors.Scheduling;

/// <summary>What one scheduler tick did: accounts due and polled, requests sent, and why it stopped early (null when it did not).</summary>
[GenerateSerializer, Immutable, Alias("monitor.PollTickReport")]
public sealed record PollTickReport([property: Id(0)] string Platform, [property: Id(1)] int Due, [property: Id(2)] int Polled, [property: Id(3)] int Requests, [property: Id(4)] string? StoppedBecause);
