namespace Monitor.Storage.Tests;

/// <summary>A positional record state with a list, a dictionary, bytes and a timestamp.</summary>
public sealed record DetectorCheckpoint(string Account, List<long> Rates, Dictionary<string, double> Scores, byte[] Raw, DateTimeOffset LastSeen);
