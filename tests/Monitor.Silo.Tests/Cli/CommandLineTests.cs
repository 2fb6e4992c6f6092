using System.Globalization;
using Monitor.Abstractions.Accounts;
using Monitor.Silo.Cli;
using Monitor.Silo.Import;
using Monitor.Silo.Tests.Builders;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;

namespace Monitor.Silo.Tests.Cli;

/// <summary>The client commands run against a real silo over HTTP.</summary>
public sealed class CommandLineTests(SqliteSiloFixture fixture) : IClassFixture<SqliteSiloFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new("monitor-cli-tests-");

    private string Server => fixture.Silo.Address.ToString();

    [Fact]
    public async Task Accounts_add_then_import_of_a_generic_csv_stores_every_row_in_batches()
    {
        var account = TestAccounts.NewKey();
        var group = TestAccounts.NewGroup();
        var rows = FollowerSeries.For(account).Every(TimeSpan.FromHours(1)).Growing(7, perStep: 40).Build();
        var csv = _directory.File("generic.csv");
        await File.WriteAllLinesAsync(csv,
            new[] { "# exported by a collector", ObservationCsvReader.GenericHeader }
                .Concat(rows.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Account},{o.Timestamp:O},{o.Followers},,12"))),
            TestContext.Current.CancellationToken);

        Assert.Equal(0, await SiloCommandLine.RunAsync(["accounts", "add", account, "--group", group, "--display-name", "Imported", "--server", Server]));
        Assert.Equal(0, await SiloCommandLine.RunAsync(["import", csv, "--batch-size", "3", "--server", Server]));

        var stored = await fixture.Silo.GetAsync<List<HistoryPoint>>($"api/accounts/{account}/history");
        Assert.Equal(rows.Select(o => (o.Timestamp, o.Followers, (long?)12)), stored.Select(p => (p.Timestamp, p.Followers, p.Posts)));
        var listed = Assert.Single((await fixture.Silo.GetAsync<AccountPage>($"api/accounts?group={group}")).Items);
        Assert.Equal("Imported", listed.Profile.DisplayName);
    }

    [Fact]
    public async Task Import_exits_non_zero_when_the_silo_rejects_rows_and_remove_exits_non_zero_for_an_unknown_account()
    {
        var csv = _directory.File("unknown.csv");
        await File.WriteAllLinesAsync(csv, [ObservationCsvReader.GenericHeader, $"{TestAccounts.NewKey()},2024-01-01T00:00:00Z,10,,"], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, await SiloCommandLine.RunAsync(["import", csv, "--server", Server]));
        Assert.NotEqual(0, await SiloCommandLine.RunAsync(["accounts", "remove", TestAccounts.NewKey(), "--server", Server]));
    }

    [Fact]
    public async Task Import_skips_bad_lines_and_export_writes_back_the_format_import_reads()
    {
        var account = TestAccounts.NewKey();
        var rows = FollowerSeries.For(account).Every(TimeSpan.FromHours(1)).Growing(5, perStep: 40).Build();
        var lines = rows.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Account},{o.Timestamp:O},{o.Followers},3,12")).ToList();
        lines.Insert(2, $"{account},2024-01-01T00:00:00Z,-7,,");
        var csv = _directory.File("with-bad-line.csv");
        await File.WriteAllLinesAsync(csv, [ObservationCsvReader.GenericHeader, .. lines], TestContext.Current.CancellationToken);
        Assert.Equal(0, await SiloCommandLine.RunAsync(["accounts", "add", account, "--server", Server]));

        Assert.Equal(3, await SiloCommandLine.RunAsync(["import", csv, "--server", Server]));
        var exported = _directory.File("exported.csv");
        Assert.Equal(0, await SiloCommandLine.RunAsync(["export", account, "--output", exported, "--server", Server]));
        var everything = _directory.File("everything.csv");
        Assert.Equal(0, await SiloCommandLine.RunAsync(["export", "--output", everything, "--server", Server]));

        var expected = rows.Select(o => string.Create(CultureInfo.InvariantCulture, $"{account},{o.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{o.Followers},3,12")).ToList();
        var written = await File.ReadAllLinesAsync(exported, TestContext.Current.CancellationToken);
        Assert.Equal([ObservationCsvReader.GenericHeader, .. expected], written);
        var all = await File.ReadAllLinesAsync(everything, TestContext.Current.CancellationToken);
        Assert.Equal(ObservationCsvReader.GenericHeader, all[0]);
        Assert.Single(all, line => line == ObservationCsvReader.GenericHeader);
        Assert.Superset(expected.ToHashSet(), all.ToHashSet());

        // The export imports again without a rejection: every row is already stored.
        Assert.Equal(0, await SiloCommandLine.RunAsync(["import", exported, "--server", Server]));
        var stored = await fixture.Silo.GetAsync<List<HistoryPoint>>($"api/accounts/{account}/history");
        Assert.Equal(rows.Select(o => o.Followers), stored.Select(p => p.Followers));
        Assert.NotEqual(0, await SiloCommandLine.RunAsync(["export", TestAccounts.NewKey(), "--output", _directory.File("none.csv"), "--server", Server]));
    }

    [Fact]
    public async Task A_command_against_a_silo_that_refuses_the_key_prints_an_error_and_exits_non_zero()
    {
        Assert.Equal(2, await SiloCommandLine.RunAsync(["accounts", "add", "x:not-a-number", "--server", Server]));
    }

    public void Dispose() => _directory.Dispose();
}
