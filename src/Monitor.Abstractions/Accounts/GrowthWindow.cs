namespace Monitor.Abstractions.Accounts;

/// <summary>Net change of followers over a window ending at the latest observation; null where data is missing.</summary>
public sealed record GrowthWindow(long? NetChange, double? RatePerDay, double? PercentGrowth);
