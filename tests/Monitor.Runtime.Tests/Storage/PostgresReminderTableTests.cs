using Monitor.Runtime.Reminders;
using Monitor.Runtime.Storage;
using Monitor.Testing;
using Npgsql;
using Xunit;

namespace Monitor.Runtime.Tests.Storage;

public sealed class PostgresReminderTableTests(PostgresDatabaseFixture database) : SqlReminderTableConformanceTests, IClassFixture<PostgresDatabaseFixture>
{
    protected override IReminderTable CreateTable(string serviceId) =>
        new PostgresReminderTable(new PostgresStorageOptions { DataSource = database.DataSource, ServiceId = serviceId });

    protected override async Task<int> ReadStoredGrainHashAsync(GrainId grainId)
    {
        await using var command = database.DataSource.CreateCommand("SELECT grain_hash FROM reminders WHERE service_id = $1 AND grain_type = $2 AND grain_key = $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ServiceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.Key });
        return (int)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
