namespace Monitor.Benchmarks.Storage;

/// <summary>A grain that changes its ~1 KB state and writes it, once per call.</summary>
[Alias("bench.IStateWriterGrain")]
public interface IStateWriterGrain : IGrainWithIntegerKey
{
    [Alias("WriteAsync")]
    Task WriteAsync();
}

/// <summary>A <see cref="IStateWriterGrain"/> on Monitor's group-committing storage (provider "monitor").</summary>
[Alias("bench.IMonitorStoreWriterGrain")]
public interface IMonitorStoreWriterGrain : IStateWriterGrain;

/// <summary>A <see cref="IStateWriterGrain"/> on Orleans' ADO.NET storage (provider "orleans").</summary>
[Alias("bench.IOrleansStoreWriterGrain")]
public interface IOrleansStoreWriterGrain : IStateWriterGrain;
