using Microsoft.Extensions.Hosting;

namespace Monitor.Runtime.Hosting;

/// <summary>Runs a silo in a host.</summary>
public static class SiloHostApplicationBuilderExtensions
{
    /// <summary>Adds the grain runtime to the host's services; the silo starts and stops with the host.</summary>
    public static IHostApplicationBuilder UseMonitorSilo(this IHostApplicationBuilder builder, Action<SiloOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddMonitorSilo(configure);
        return builder;
    }
}
