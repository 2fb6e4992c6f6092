using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Monitor.Storage.Reminders;
using Orleans;
using Orleans.Runtime;
using Xunit;
using Monitor.Testing;

namespace Monitor.Storage.Tests;

public sealed class SqliteReminderTableTests : SqlReminderTableConformanceTests
{
    private readonly TemporaryDirectory _folder = new();

    private string DatabasePath => _folder.File("reminders.db");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Concurrent_upserts_share_transactions_and_each_gets_its_own_version()
    {
        var table = (SqliteReminderTable)Table;
        var entries = Enumerable.Range(0, 300).Select(_ => new ReminderEntryBuilder().ForGrain(TestGrains.NewAccount()).Build()).ToList();

        var eTags = await Task.WhenAll(entries.Select(entry => table.UpsertRow(entry)));

        Assert.Equal(entries.Count, eTags.Distinct(StringComparer.Ordinal).Count());
        Assert.True(table.UpsertCommits < entries.Count, $"{entries.Count} upserts took {table.UpsertCommits} transactions.");
        foreach (var (entry, eTag) in entries.Zip(eTags))
        {
            Assert.Equal(eTag, (await table.ReadRow(entry.GrainId, entry.ReminderName))?.ETag);
        }
    }

    [Fact]
    public async Task Starting_rehashes_rows_stored_with_an_old_grain_hash_so_range_reads_find_them()
    {
        var grains = new[] { TestGrains.NewAccount(), GrainId.Create("group", "turkic-mfa"), GrainId.Create("account", "tg:МИД") };
        var written = new List<ReminderSnapshot>();
        foreach (var grain in grains)
        {
            var entry = new ReminderEntryBuilder().ForGrain(grain).Build();
            written.Add(ReminderSnapshot.Of(entry) with { ETag = await Table.UpsertRow(entry, TestContext.Current.CancellationToken) });
        }

        // Rows as the runtime before Orleans left them: grain_hash was FNV-1a of "type/key", stored as a signed 32-bit value.
        foreach (var grain in grains)
        {
            await SetStoredGrainHashAsync(grain, LegacyGrainHash(grain));
            Assert.NotEqual((long)grain.GetUniformHashCode(), await ReadStoredGrainHashAsync(grain));
        }

        IReminderTable restarted = Track(CreateTable(ServiceId));
        var foundBeforeStart = await ReadAtRingPositionAsync(restarted, grains[0]);

        await restarted.StartAsync(TestContext.Current.CancellationToken);

        Assert.Empty(foundBeforeStart);
        for (var i = 0; i < grains.Length; i++)
        {
            Assert.Equal([written[i]], await ReadAtRingPositionAsync(restarted, grains[i]));
            Assert.Equal((long)grains[i].GetUniformHashCode(), await ReadStoredGrainHashAsync(grains[i]));
        }
    }

    [Fact]
    public async Task Only_the_first_start_of_a_service_rehashes_its_rows()
    {
        var entry = new ReminderEntryBuilder().Build();
        await Table.UpsertRow(entry, TestContext.Current.CancellationToken);
        await SetStoredGrainHashAsync(entry.GrainId, LegacyGrainHash(entry.GrainId));
        await Table.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal((long)entry.GrainId.GetUniformHashCode(), await ReadStoredGrainHashAsync(entry.GrainId));

        // Once recorded, a start reads no rows: a value written under it afterwards stays as it is.
        await SetStoredGrainHashAsync(entry.GrainId, LegacyGrainHash(entry.GrainId));
        IReminderTable restarted = Track(CreateTable(ServiceId));
        await restarted.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(LegacyGrainHash(entry.GrainId), await ReadStoredGrainHashAsync(entry.GrainId));
    }

    [Fact]
    public async Task Starting_leaves_the_rows_of_other_services_to_their_own_silos()
    {
        var mine = new ReminderEntryBuilder().Build();
        var theirs = new ReminderEntryBuilder().Build();
        IReminderTable other = Track(CreateTable($"{ServiceId}-other"));
        await Table.UpsertRow(mine, TestContext.Current.CancellationToken);
        await other.UpsertRow(theirs, TestContext.Current.CancellationToken);
        await SetStoredGrainHashAsync(mine.GrainId, LegacyGrainHash(mine.GrainId));
        await SetStoredGrainHashAsync(theirs.GrainId, LegacyGrainHash(theirs.GrainId), $"{ServiceId}-other");

        await Table.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal((long)mine.GrainId.GetUniformHashCode(), await ReadStoredGrainHashAsync(mine.GrainId));
        Assert.Equal(LegacyGrainHash(theirs.GrainId), await ReadStoredGrainHashAsync(theirs.GrainId, $"{ServiceId}-other"));
    }

    protected override IReminderTable CreateTable(string serviceId) =>
        new SqliteReminderTable(new SqliteStorageOptions { DataSource = DatabasePath, ServiceId = serviceId });

    protected override Task<long> ReadStoredGrainHashAsync(GrainId grainId) => ReadStoredGrainHashAsync(grainId, ServiceId);

    /// <summary>The old runtime's grain hash: 32-bit FNV-1a of the UTF-8 "type/key", kept as a signed int.</summary>
    private static long LegacyGrainHash(GrainId grainId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes($"{grainId.Type}/{grainId.Key}"))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return unchecked((int)hash);
    }

    /// <summary>What a range read of just the grain's ring position, (hash - 1, hash], returns.</summary>
    private static async Task<List<ReminderSnapshot>> ReadAtRingPositionAsync(IReminderTable table, GrainId grainId)
    {
        var hash = grainId.GetUniformHashCode();
        var rows = await table.ReadRows(unchecked(hash - 1), hash, TestContext.Current.CancellationToken);
        return [.. rows.Reminders.Select(ReminderSnapshot.Of)];
    }

    private async Task<long> ReadStoredGrainHashAsync(GrainId grainId, string serviceId)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_hash FROM reminders WHERE service_id = $s AND grain_type = $t AND grain_key = $k";
        command.Parameters.AddWithValue("$s", serviceId);
        command.Parameters.AddWithValue("$t", grainId.Type.ToString());
        command.Parameters.AddWithValue("$k", grainId.Key.ToString());
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
    }

    private async Task SetStoredGrainHashAsync(GrainId grainId, long hash, string? serviceId = null)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE reminders SET grain_hash = $h WHERE service_id = $s AND grain_type = $t AND grain_key = $k";
        command.Parameters.AddWithValue("$h", hash);
        command.Parameters.AddWithValue("$s", serviceId ?? ServiceId);
        command.Parameters.AddWithValue("$t", grainId.Type.ToString());
        command.Parameters.AddWithValue("$k", grainId.Key.ToString());
        Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
