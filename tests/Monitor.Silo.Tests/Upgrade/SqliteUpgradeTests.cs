using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Abstractions.Accounts;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Orleans.Runtime;
using Orleans;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Upgrade;

/// <summary>
/// A SQLite store written by the last release before Orleans (<c>Fixtures/sqlite-before-orleans</c>) opened by this one:
/// accounts, observations, alerts, silences, keys, webhooks and reminders are all still there.
/// </summary>
public sealed class SqliteUpgradeTests : IDisposable
{
    private const string FixtureFolder = "Upgrade/Fixtures/sqlite-before-orleans";

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task A_store_of_the_release_before_orleans_keeps_everything_after_the_upgrade()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var fixture = Path.Combine(AppContext.BaseDirectory, FixtureFolder);
        File.Copy(Path.Combine(fixture, "monitor.db"), _directory.File("monitor.db"));
        File.Copy(Path.Combine(fixture, "monitor.observations.db"), _directory.File("monitor.observations.db"));
        using var keys = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(fixture, "keys.json"), cancellation));
        var admin = keys.RootElement.GetProperty("admin").GetString()!;
        var reader = keys.RootElement.GetProperty("reader").GetString()!;

        var options = new SiloHostOptions().UseSqlite(_directory.File("monitor.db"));
        await using var silo = await RunningSilo.StartAsync(options);

        Assert.Equal("admin", await RoleOfAsync(silo, admin));
        Assert.Equal("reader", await RoleOfAsync(silo, reader));

        using var accounts = await GetJsonAsync(silo, "api/accounts", admin);
        var keysListed = accounts.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("account").GetString()).Order().ToList();
        Assert.Equal(["bluesky:did:plc:z72i7hdynmk6r22z27h6tvur", "x:1001", "x:1002"], keysListed);

        using var ranking = await GetJsonAsync(silo, "api/groups/turkic-mfa/ranking?by=followers", reader);
        Assert.Equal(["x:1001", "x:1002"], ranking.RootElement.EnumerateArray().Select(entry => entry.GetProperty("account").GetString()).ToList());

        using var history = await GetJsonAsync(silo, "api/accounts/x:1001/history?resolution=raw&from=2000-01-01T00:00:00Z", reader);
        var followers = history.RootElement.EnumerateArray().Select(point => point.GetProperty("followers").GetInt64()).ToList();
        Assert.Equal(60, followers.Count);
        Assert.Equal(100_000 + (49 * 50), followers[49]);
        Assert.Equal(140_000 + (59 * 50), followers[59]);

        using var alerts = await GetJsonAsync(silo, "api/alerts?account=x:1001", reader);
        var alert = Assert.Single(alerts.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("spike", alert.GetProperty("kind").GetString());
        Assert.Equal("resolved", alert.GetProperty("status").GetString());

        using var silences = await GetJsonAsync(silo, "api/silences", reader);
        var silence = Assert.Single(silences.RootElement.EnumerateArray());
        Assert.Equal("x:1002", silence.GetProperty("account").GetString());
        Assert.Equal("fixture silence", silence.GetProperty("comment").GetString());

        using var hook = await GetJsonAsync(silo, "api/webhooks/fixture-hook", admin);
        Assert.Equal("https://hooks.example.org/monitor", hook.RootElement.GetProperty("url").GetString());

        // The reminders kept their rows and moved to Orleans' ring positions, so a range read over the whole ring finds them.
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var stall = await table.ReadRow(GrainId.Create("account", "x:1001"), "stall", cancellation);
        Assert.NotNull(stall);
        Assert.Equal(TimeSpan.FromHours(1), stall.Period);
        var everything = await table.ReadRows(0u, uint.MaxValue, cancellation);
        var ringOfZero = await table.ReadRows(uint.MaxValue, 0u, cancellation);
        // (The fixture's two collector reminders are gone by design: test silos turn the collectors off, which removes them.)
        var stallChecks = everything.Reminders.Concat(ringOfZero.Reminders).Where(row => row.ReminderName == "stall").Select(row => row.GrainId.Key.ToString()).Order();
        Assert.Equal(["bluesky:did:plc:z72i7hdynmk6r22z27h6tvur", "x:1001", "x:1002"], stallChecks);

        // And the upgraded account takes new points on top of its history.
        using var post = new HttpRequestMessage(HttpMethod.Post, "api/observations")
        {
            Content = JsonContent.Create(new[] { new ObservationInput("x:1002", DateTimeOffset.UtcNow.AddMinutes(-5), 60_000) }, options: RunningSilo.Json),
        };
        post.Headers.Authorization = new("Bearer", admin);
        using var posted = await silo.Http.SendAsync(post, cancellation);
        Assert.Equal(1, (await RunningSilo.ReadAsync<RecordResult>(posted)).Accepted);
    }

    [Fact]
    public async Task The_observation_log_of_the_release_before_is_migrated_while_the_silo_starts_not_on_its_first_request()
    {
        var fixture = Path.Combine(AppContext.BaseDirectory, FixtureFolder);
        File.Copy(Path.Combine(fixture, "monitor.db"), _directory.File("monitor.db"));
        File.Copy(Path.Combine(fixture, "monitor.observations.db"), _directory.File("monitor.observations.db"));
        Assert.DoesNotContain("0002_observation_point", await AppliedScriptsAsync(_directory.File("monitor.observations.db")));

        await using var silo = await RunningSilo.StartAsync(new SiloHostOptions().UseSqlite(_directory.File("monitor.db")));

        // No request has reached an account yet: the log was migrated by the start itself.
        Assert.Contains("0002_observation_point", await AppliedScriptsAsync(_directory.File("monitor.observations.db")));
    }

    public void Dispose() => _directory.Dispose();

    private static async Task<List<string>> AppliedScriptsAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT script_name FROM schema_version ORDER BY script_name";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<string?> RoleOfAsync(RunningSilo silo, string key)
    {
        using var who = await GetJsonAsync(silo, "api/auth/whoami", key);
        return who.RootElement.GetProperty("role").GetString();
    }

    private static async Task<JsonDocument> GetJsonAsync(RunningSilo silo, string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", key);
        using var response = await silo.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
