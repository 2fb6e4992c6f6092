using BenchmarkDotNet.Running;

// Run one group with: dotnet run -c Release --project bench/Monitor.Benchmarks -- --filter '*Detector*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
