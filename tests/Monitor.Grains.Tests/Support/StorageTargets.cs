using Monitor.Testing;

namespace Monitor.Grains.Tests.Support;

/// <summary>Storage settings for each provider, isolated per test: a new file, or a new service id in the class's database.</summary>
public static class StorageTargets
{
    public static MonitorStorageOptions Memory() => new() { Provider = StorageProvider.Memory };

    public static MonitorStorageOptions Sqlite(TemporaryDirectory directory) =>
        new() { Provider = StorageProvider.Sqlite, SqlitePath = directory.File($"{Guid.NewGuid():N}.db") };

    public static MonitorStorageOptions Postgres(PostgresDatabaseFixture database) =>
        new() { Provider = StorageProvider.Postgres, PostgresConnectionString = database.ConnectionString, ServiceId = $"t{Guid.NewGuid():N}" };
}
