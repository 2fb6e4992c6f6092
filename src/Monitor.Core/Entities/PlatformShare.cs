namespace Monitor.Core.Entities;

/// <summary>A platform's followers within an entity's combined reach, and that as a fraction of it (0.25 = 25%).</summary>
public sealed record PlatformShare(string Platform, long Followers, double Share);
