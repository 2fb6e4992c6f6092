using Monitor.Abstractions.Accounts;

namespace Monitor.Demo;

/// <summary>An account the demo registers: its key, profile, the figures its synthetic history ends at, and the entity owning it.</summary>
public sealed record DemoAccount(string Key, AccountProfile Profile, DateOnly EndsOn, long EndFollowers, long? EndPosts, bool Surges, string? Entity = null);
