using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Monitor.Telemetry;

/// <summary>
/// The one metric view of the silo: it makes every exported family pass <c>promtool check metrics</c>. Gauges named
/// <c>…count</c> get a plural name (the suffix is reserved for histograms), instruments without a description get one
/// (Prometheus wants help text), and Orleans' instruments in milliseconds or megabytes are dropped: its latency histograms
/// are exported in seconds by <see cref="OrleansLatencyInSeconds"/>, and its memory gauges repeat the runtime's.
/// </summary>
public static class PrometheusConventions
{
    /// <summary>Instrument names ending in <c>.count</c> that are not histograms, and their exported names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Renames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["dotnet.assembly.count"] = "dotnet.assemblies",
        ["dotnet.process.cpu.count"] = "dotnet.process.cpus",
        ["dotnet.thread_pool.thread.count"] = "dotnet.thread_pool.threads",
        ["dotnet.timer.count"] = "dotnet.timers",
        ["db.client.connection.count"] = "db.client.connections",
    };

    /// <summary>The stream configuration of <paramref name="instrument"/>: null keeps the default.</summary>
    public static MetricStreamConfiguration? View(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (IsOrleansNonBaseUnit(instrument))
        {
            return MetricStreamConfiguration.Drop;
        }

        var renamed = Renames.GetValueOrDefault(instrument.Name);
        var undescribed = string.IsNullOrEmpty(instrument.Description);
        if (renamed is null && !undescribed)
        {
            return null;
        }

        return new MetricStreamConfiguration
        {
            Name = renamed,
            Description = undescribed ? $"{instrument.Name} (meter {instrument.Meter.Name})" : null,
        };
    }

    /// <summary>True for Orleans' instruments in milliseconds or megabytes.</summary>
    public static bool IsOrleansNonBaseUnit(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Meter.Name == OrleansLatencyInSeconds.OrleansMeterName && instrument.Unit is "ms" or "MB";
    }
}
