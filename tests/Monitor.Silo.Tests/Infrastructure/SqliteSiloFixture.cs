using Monitor.Hosting;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Infrastructure;

/// <summary>One silo over a temp SQLite file for a whole test class, with small ingest limits so the limits are cheap to hit.</summary>
public sealed class SqliteSiloFixture : IAsyncLifetime
{
    /// <summary>Most observations per request in this silo.</summary>
    public const int MaxBatchSize = 5;

    /// <summary>Largest request body in this silo.</summary>
    public const int MaxBodyBytes = 4096;

    private readonly TemporaryDirectory _directory = new();

    /// <summary>The running silo.</summary>
    public RunningSilo Silo { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var options = new SiloHostOptions().UseSqlite(_directory.File("silo.db"));
        options.Configuration["Monitor:Ingest:MaxBatchSize"] = MaxBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Configuration["Monitor:Ingest:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Configuration["Monitor:AlertStream:HeartbeatInterval"] = "00:00:00.050";
        Silo = await RunningSilo.StartAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        await Silo.DisposeAsync();
        _directory.Dispose();
    }
}
