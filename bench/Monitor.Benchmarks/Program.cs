using BenchmarkDotNet.Running;

// Run one group with: dotnet run -c Release --project bench/Monitor.Benchmarks -- --filter '*Detector*'
BenchmarkSwitcher.FromAssembly(typeof(Monitor.Benchmarks.Core.HistoryBenchmarks).Assembly).Run(args);
