using Microsoft.Data.Sqlite;
using Xunit;

namespace Monitor.Storage.Tests;

public sealed class SqliteReminderTableTests : SqlReminderTableConformanceTests
{
    private readonly TempDirectory _folder = new();

    private string DatabasePath => _folder.File("reminders.db");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    protected override IReminderTable CreateTable(string serviceId) =>
        new SqliteReminderTable(new SqliteStorageOptions { DataSource = DatabasePath, ServiceId = serviceId });

    protected override async Task<int> ReadStoredGrainHashAsync(GrainId grainId)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_hash FROM reminders WHERE service_id = $s AND grain_type = $t AND grain_key = $k";
        command.Parameters.AddWithValue("$s", ServiceId);
        command.Parameters.AddWithValue("$t", grainId.Type);
        command.Parameters.AddWithValue("$k", grainId.Key);
        return Convert.ToInt32(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
