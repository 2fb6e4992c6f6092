using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Grains;
using Monitor.Hosting;
using Monitor.Storage;
using Monitor.Testing;
using Npgsql;
using Xunit;

namespace Monitor.Silo.Tests.Hosting;

/// <summary>
/// The pool a silo's PostgreSQL stores share, checked on a real server by opening connections: the size the operator's
/// connection string sets is the size in force, and the silo's own tables draw from the same pool as the grains' stores.
/// </summary>
public sealed class PostgresPoolTests(PostgresDatabaseFixture postgres) : IClassFixture<PostgresDatabaseFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_silo_tables_and_the_grain_stores_share_one_pool_of_the_size_the_connection_string_sets()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Pooling = true, MaxPoolSize = 2, Timeout = 1 }.ConnectionString;
        await using var app = SiloApp.Build(new SiloHostOptions { Urls = "http://127.0.0.1:0", QuietLogging = true }.UsePostgres(connectionString));
        var database = app.Services.GetRequiredService<SiloDatabase>();
        var shared = app.Services.GetRequiredKeyedService<NpgsqlDataSource>(MonitorSiloBuilderExtensions.DataSourceKey);
        Assert.Same(shared, database.PostgresDataSource);

        await using var silosTable = await database.OpenAsync(Cancellation);
        await using var grainStore = await shared.OpenConnectionAsync(Cancellation);
        var exhausted = await Assert.ThrowsAsync<NpgsqlException>(() => database.OpenAsync(Cancellation));
        Assert.Contains("pool", exhausted.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_offline_store_keeps_the_pool_size_the_connection_string_sets()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Pooling = true, MaxPoolSize = 12, Timeout = 1 }.ConnectionString;
        await using var database = new SiloDatabase(
            new MonitorStorageOptions { Provider = StorageProvider.Postgres, PostgresConnectionString = connectionString }, SchemaMigrator.CreateDefault);

        // The test kit turns pooling off; it is on here, as in production. Before, the silo's tables capped their pool at 10 whatever the connection string said.
        var open = new List<DbConnection>();
        try
        {
            for (var i = 0; i < 12; i++)
            {
                open.Add(await database.OpenAsync(Cancellation));
            }

            await Assert.ThrowsAsync<NpgsqlException>(() => database.OpenAsync(Cancellation));
        }
        finally
        {
            foreach (var connection in open)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
