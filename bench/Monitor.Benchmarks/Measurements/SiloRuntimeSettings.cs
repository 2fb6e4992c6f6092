using System.Diagnostics;
using System.Runtime;

namespace Monitor.Benchmarks.Measurements;

/// <summary>
/// The silo executable's runtime settings (<c>src/Monitor.Silo/Monitor.Silo.csproj</c>: server GC, no dynamic PGO, no
/// quick JIT, thread-pool workers that do not spin), which this benchmark's own runtimeconfig, shared with
/// BenchmarkDotNet's jobs, does not have. A timed mode that hosts a silo in process runs itself again with them set in
/// the environment, so it measures the silo as it ships.
/// </summary>
internal static class SiloRuntimeSettings
{
    private static readonly (string Name, string Value)[] Variables =
    [
        ("DOTNET_gcServer", "1"),
        ("DOTNET_TieredPGO", "0"),
        ("DOTNET_TC_QuickJit", "0"),
        ("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit", "0"),
    ];

    /// <summary>Whether this process runs with them (set by <see cref="RunAgainAsync"/> or by hand).</summary>
    public static bool Applied => GCSettings.IsServerGC && Variables.All(v => Environment.GetEnvironmentVariable(v.Name) == v.Value);

    public static string Describe() => string.Join(' ', Variables.Select(v => $"{v.Name}={v.Value}"));

    /// <summary>Runs this benchmark again, with <paramref name="arguments"/>, in a child process with the settings; returns its exit code.</summary>
    public static async Task<int> RunAgainAsync(IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SiloRuntimeSettings).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Variables)
        {
            start.Environment[name] = value;
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
