using Monitor.Runtime.Storage;
using Npgsql;

namespace Monitor.Cluster.Tests.Infrastructure;

/// <summary>Applies Monitor.Runtime's PostgreSQL scripts (grain state, reminders, cluster tables) to a test database.</summary>
public static class ClusterSchema
{
    public static async Task ApplyAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await SchemaMigrator.CreateDefault(SchemaDialect.Postgres).MigrateAsync(connection);
    }
}
