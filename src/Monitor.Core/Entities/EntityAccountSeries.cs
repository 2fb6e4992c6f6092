namespace Monitor.Core.Entities;

/// <summary>One account of an entity and its counts around the window being read, oldest first.</summary>
public sealed record EntityAccountSeries(string Account, string Platform, IReadOnlyList<CountPoint> Points);
