using Microsoft.Extensions.Configuration;
using Monitor.Hosting;
using Npgsql;
using Xunit;

namespace Monitor.Silo.Tests.Hosting;

public sealed class StorageOptionsTests
{
    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_silo_limit()
    {
        var storage = SiloApp.ReadStorageOptions(Configuration("Host=db.internal;Username=monitor;Database=monitor"));

        var builder = new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString);
        Assert.Equal(SiloApp.DefaultMaxPoolSize, builder.MaxPoolSize);
        Assert.Equal("db.internal", builder.Host);
        Assert.Equal("monitor", builder.Database);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=100", 100)]
    [InlineData("Host=db;maximum pool size=40", 40)]
    [InlineData("Host=db;MaxPoolSize=7", 7)]
    public void A_pool_size_the_operator_set_is_kept(string connectionString, int expected)
    {
        var storage = SiloApp.ReadStorageOptions(Configuration(connectionString));

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(storage.PostgresConnectionString).MaxPoolSize);
    }

    private static IConfiguration Configuration(string connectionString) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitor:Storage:Provider"] = "postgres",
            ["Monitor:Storage:PostgresConnectionString"] = connectionString,
        })
        .Build();
}
