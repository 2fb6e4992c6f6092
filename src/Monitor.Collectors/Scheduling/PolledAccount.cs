namespace Monitor.Collectors.Scheduling;

/// <summary>An account a collector polls: its grain key and the profile the team gave it (handle, groups, tags).</summary>
public sealed record PolledAccount(string Account, AccountProfile Profile);
