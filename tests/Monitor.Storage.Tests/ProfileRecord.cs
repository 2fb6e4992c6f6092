namespace Monitor.Storage.Tests;

/// <summary>A newer build's positional record: <c>Country</c> is a constructor parameter older payloads lack.</summary>
public sealed record ProfileRecord(string Name, long Followers, string Country = "unknown");
