using System.Globalization;
using Monitor.Abstractions.Accounts;
using Monitor.Cli.Tests.Infrastructure;
using Monitor.Import;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Cli.Tests;

/// <summary><c>monitor import</c> and <c>monitor export</c> against a real silo over HTTP.</summary>
public sealed class ImportExportTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>, IDisposable
{
    private readonly TemporaryDirectory _directory = new("monitor-cli-tests-");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accounts_add_then_import_of_a_generic_csv_stores_every_row_in_batches()
    {
        var account = TestAccounts.NewKey();
        var group = TestAccounts.NewGroup();
        var rows = HourlyRows(account, 7);
        var csv = _directory.File("generic.csv");
        await File.WriteAllLinesAsync(csv, ["# exported by a collector", ObservationCsvReader.GenericHeader, .. rows.Select(r => Line(account, r, following: null))], Cancellation);

        Assert.Equal(0, (await MonitorCli.RunAsync(silo.Address, "accounts", "add", account, "--group", group, "--display-name", "Imported")).ExitCode);
        var import = await MonitorCli.RunAsync(silo.Address, "import", csv, "--batch-size", "3");

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("7 rows, 0 accounts registered, 7 accepted, 0 duplicates, 0 rejected", import.Output, StringComparison.Ordinal);
        var stored = await silo.GetAsync<List<HistoryPoint>>($"api/accounts/{account}/history");
        Assert.Equal(rows.Select(r => (r.At, r.Followers, (long?)12)), stored.Select(p => (p.Timestamp, p.Followers, p.Posts)));
        var listed = Assert.Single((await silo.GetAsync<AccountPage>($"api/accounts?group={group}")).Items);
        Assert.Equal("Imported", listed.Profile.DisplayName);
    }

    [Fact]
    public async Task Import_exits_3_and_names_the_line_when_the_silo_rejects_rows()
    {
        var csv = _directory.File("unknown.csv");
        var stranger = TestAccounts.NewKey();
        await File.WriteAllLinesAsync(csv, [ObservationCsvReader.GenericHeader, $"{stranger},2024-01-01T00:00:00Z,10,,"], Cancellation);

        var import = await MonitorCli.RunAsync(silo.Address, "import", csv);

        Assert.Equal(ExitCodes.RowsRejected, import.ExitCode);
        Assert.StartsWith($"line 2: {stranger} rejected", import.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_skips_bad_lines_and_export_writes_back_the_format_import_reads()
    {
        var account = TestAccounts.NewKey();
        var rows = HourlyRows(account, 5);
        var lines = rows.Select(r => Line(account, r, following: 3)).ToList();
        lines.Insert(2, $"{account},2024-01-01T00:00:00Z,-7,,");
        var csv = _directory.File("with-bad-line.csv");
        await File.WriteAllLinesAsync(csv, [ObservationCsvReader.GenericHeader, .. lines], Cancellation);
        Assert.Equal(0, (await MonitorCli.RunAsync(silo.Address, "accounts", "add", account)).ExitCode);

        Assert.Equal(ExitCodes.RowsRejected, (await MonitorCli.RunAsync(silo.Address, "import", csv)).ExitCode);
        var exported = _directory.File("exported.csv");
        var one = await MonitorCli.RunAsync(silo.Address, "export", account, "--file", exported);
        Assert.Equal(0, one.ExitCode);
        Assert.Equal($"Exported 1 account to {exported}", one.Output.Trim());
        var everything = _directory.File("everything.csv");
        Assert.Equal(0, (await MonitorCli.RunAsync(silo.Address, "export", "--file", everything)).ExitCode);

        var expected = rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{account},{r.At.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{r.Followers},3,12")).ToList();
        var written = await File.ReadAllLinesAsync(exported, Cancellation);
        Assert.Equal([ObservationCsvReader.GenericHeader, .. expected], written);
        var all = await File.ReadAllLinesAsync(everything, Cancellation);
        Assert.Equal(ObservationCsvReader.GenericHeader, all[0]);
        Assert.Single(all, line => line == ObservationCsvReader.GenericHeader);
        Assert.Superset(expected.ToHashSet(), all.ToHashSet());

        // The export imports again without a rejection: every row is already stored.
        Assert.Equal(0, (await MonitorCli.RunAsync(silo.Address, "import", exported)).ExitCode);
        var stored = await silo.GetAsync<List<HistoryPoint>>($"api/accounts/{account}/history");
        Assert.Equal(rows.Select(r => r.Followers), stored.Select(p => p.Followers));
    }

    [Fact]
    public async Task Exporting_a_mistyped_account_exits_4_names_it_and_leaves_no_file()
    {
        var account = TestAccounts.NewKey();
        Assert.Equal(0, (await MonitorCli.RunAsync(silo.Address, "accounts", "add", account)).ExitCode);
        var typo = account + "7";
        var file = _directory.File("typo.csv");

        var export = await MonitorCli.RunAsync(silo.Address, "export", account, typo, "--file", file);

        Assert.Equal(ExitCodes.NotFound, export.ExitCode);
        Assert.Equal([$"error: no account {typo}; nothing exported."], export.ErrorLines);
        Assert.Equal("", export.Output);
        Assert.False(File.Exists(file), "a failed export must not leave a file");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task A_key_the_silo_refuses_prints_its_problem_and_exits_2()
    {
        var add = await MonitorCli.RunAsync(silo.Address, "accounts", "add", "x:not-a-number");

        Assert.Equal(ExitCodes.SiloRefused, add.ExitCode);
        var line = Assert.Single(add.ErrorLines);
        Assert.Matches(@"^error: GET \S+/api/accounts/x%3Anot-a-number: 400 Bad Request", line);
        Assert.Contains("x:not-a-number", line, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private static List<(DateTimeOffset At, long Followers)> HourlyRows(string account, int count)
    {
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, count).Select(i => (start.AddHours(i), 10_000L + (40 * i) + (account.Length % 7)))];
    }

    private static string Line(string account, (DateTimeOffset At, long Followers) row, int? following) =>
        string.Create(CultureInfo.InvariantCulture, $"{account},{row.At:O},{row.Followers},{following},12");
}
