namespace Monitor.Benchmarks.Measurements;

/// <summary>What <see cref="ScaleSeed"/> put in a folder, read back by <see cref="ScaleActivation"/>.</summary>
public sealed record ScaleSeedManifest(int Accounts, DateTimeOffset End, bool StallReminder, bool WithLog);
