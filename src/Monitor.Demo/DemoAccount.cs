using Monitor.Abstractions.Accounts;

namespace Monitor.Demo;

/// <summary>An account the demo registers: its key, profile, and the figures its synthetic history ends at.</summary>
public sealed record DemoAccount(string Key, AccountProfile Profile, DateOnly EndsOn, long EndFollowers, long? EndPosts, bool Surges);
