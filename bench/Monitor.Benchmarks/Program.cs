using BenchmarkDotNet.Running;
using Monitor.Benchmarks.Measurements;
using Monitor.Benchmarks.Storage;

// BenchmarkDotNet:   dotnet run -c Release --project bench/Monitor.Benchmarks -- --filter '*Detector*'
// Timed console runs (not BenchmarkDotNet):
//   ... -- state-writes --store sqlite|postgres [--runs 5] --orleans-sql <folder with Orleans' ADO.NET scripts>
//   ... -- alert-store --store sqlite|postgres [--retained 1000,100000,1000000] [--open 0,1000,100000] [--samples 200]
//   ... -- hub-shards --store sqlite|postgres [--shards 1,4] [--episodes 3000] [--concurrency 64] [--rounds 3]
//   ... -- alert-ack-stream --store sqlite|postgres [--open 100000] [--samples 200] [--warmup-seconds 30] [--runtime-defaults]
//       (runs itself again with the silo's runtime settings, server GC and JIT, unless --runtime-defaults)
//   ... -- account-footprint [--accounts 100000] [--concurrency 64] [--no-stall-reminder] [--hold-seconds 0]
//   ... -- account-seed --data <folder> [--accounts 1000000] [--no-stall-reminder] [--with-log] [--concurrency 4096]
//   ... -- account-activation --data <folder> [--concurrency 64] [--collection-age-minutes 600] [--hold-seconds 0]
//   ... -- alertmanager-push [--alerts 10000] [--runs 5]   (needs Alertmanager: apt-get install prometheus-alertmanager)
// --orleans-sql <folder> (or MONITOR_ORLEANS_SQL) is needed by everything that sets up Orleans' ADO.NET storage.
var arguments = args.ToList();
if (TakeOption(arguments, "--orleans-sql") is { } scripts)
{
    Environment.SetEnvironmentVariable(OrleansSqlScripts.FolderVariable, Path.GetFullPath(scripts));
}

switch (arguments.FirstOrDefault())
{
    case "state-writes":
        return await StateWriteRuns.RunAsync(
            TakeOption(arguments, "--store") ?? "sqlite",
            int.Parse(TakeOption(arguments, "--runs") ?? "5", System.Globalization.CultureInfo.InvariantCulture));
    case "alert-store":
        return await AlertStoreRuns.RunAsync(
            TakeOption(arguments, "--store") ?? "sqlite",
            (TakeOption(arguments, "--retained") ?? "1000,100000").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            (TakeOption(arguments, "--open") ?? "0").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            int.Parse(TakeOption(arguments, "--samples") ?? "200", System.Globalization.CultureInfo.InvariantCulture));
    case "hub-shards":
        return await HubShardThroughput.RunAsync(
            TakeOption(arguments, "--store") ?? "postgres",
            (TakeOption(arguments, "--shards") ?? "1,4").Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            int.Parse(TakeOption(arguments, "--episodes") ?? "3000", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(TakeOption(arguments, "--concurrency") ?? "64", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(TakeOption(arguments, "--rounds") ?? "3", System.Globalization.CultureInfo.InvariantCulture));
    case "alert-ack-stream" when !SiloRuntimeSettings.Applied && !arguments.Contains("--runtime-defaults"):
        return await SiloRuntimeSettings.RunAgainAsync(arguments);
    case "alert-ack-stream":
        arguments.Remove("--runtime-defaults");
        return await AckToStreamLatency.RunAsync(
            TakeOption(arguments, "--store") ?? "sqlite",
            int.Parse(TakeOption(arguments, "--open") ?? "100000", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(TakeOption(arguments, "--samples") ?? "200", System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(int.Parse(TakeOption(arguments, "--warmup-seconds") ?? "30", System.Globalization.CultureInfo.InvariantCulture)));
    case "account-footprint":
        return await AccountFootprint.RunAsync(
            int.Parse(TakeOption(arguments, "--accounts") ?? "100000", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(TakeOption(arguments, "--concurrency") ?? "64", System.Globalization.CultureInfo.InvariantCulture),
            stallReminder: !arguments.Remove("--no-stall-reminder"),
            hold: TimeSpan.FromSeconds(int.Parse(TakeOption(arguments, "--hold-seconds") ?? "0", System.Globalization.CultureInfo.InvariantCulture)));
    case "account-seed":
        return await ScaleSeed.RunAsync(
            int.Parse(TakeOption(arguments, "--accounts") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture),
            TakeOption(arguments, "--data") ?? throw new ArgumentException("account-seed needs --data <folder>."),
            stallReminder: !arguments.Remove("--no-stall-reminder"),
            withLog: arguments.Remove("--with-log"),
            int.Parse(TakeOption(arguments, "--concurrency") ?? "4096", System.Globalization.CultureInfo.InvariantCulture));
    case "account-activation":
        return await ScaleActivation.RunAsync(
            TakeOption(arguments, "--data") ?? throw new ArgumentException("account-activation needs --data <folder>."),
            int.Parse(TakeOption(arguments, "--concurrency") ?? "64", System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromMinutes(int.Parse(TakeOption(arguments, "--collection-age-minutes") ?? "600", System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(int.Parse(TakeOption(arguments, "--hold-seconds") ?? "0", System.Globalization.CultureInfo.InvariantCulture)));
    case "alertmanager-push":
        return await AlertmanagerPushRate.RunAsync(
            int.Parse(TakeOption(arguments, "--alerts") ?? "10000", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(TakeOption(arguments, "--runs") ?? "5", System.Globalization.CultureInfo.InvariantCulture));
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Monitor.Benchmarks.Core.HistoryBenchmarks).Assembly).Run([.. arguments]);
        return 0;
}

static string? TakeOption(List<string> arguments, string name)
{
    var index = arguments.IndexOf(name);
    if (index < 0 || index + 1 >= arguments.Count)
    {
        return null;
    }

    var value = arguments[index + 1];
    arguments.RemoveRange(index, 2);
    return value;
}
