namespace Monitor.Runtime.Clustering;

/// <summary>What a fenced write proves in its transaction: the writing silo's life and the epochs it holds for the partitions it writes.</summary>
public sealed record FenceClaim(string ServiceId, string SiloId, long Generation, int[] Partitions, long[] Epochs);
