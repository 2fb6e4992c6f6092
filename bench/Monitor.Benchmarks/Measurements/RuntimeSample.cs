namespace Monitor.Benchmarks.Measurements;

/// <summary>One reading of <see cref="RuntimeSampler"/>.</summary>
internal readonly record struct RuntimeSample(long Timestamp, long Pending, int Threads, TimeSpan GcPause, int Gen0, int Gen1, int Gen2, TimeSpan JitTime);
