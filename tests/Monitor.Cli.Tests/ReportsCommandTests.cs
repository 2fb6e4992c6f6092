using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitor.Abstractions.Accounts;
using Monitor.Abstractions.Entities;
using Monitor.Abstractions.Reports;
using Monitor.Cli.Tests.Infrastructure;
using Monitor.Client;
using Monitor.Reports.Web;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Cli.Tests;

/// <summary><c>monitor reports</c> against a running silo: reports of a group and of an entity list into files, and schedules added, listed and removed.</summary>
public sealed class ReportsCommandTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>, IDisposable
{
    private const string October = "period=month&at=2020-10-15";

    private readonly TemporaryDirectory _directory = new("monitor-cli-reports-");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_groups_report_is_written_as_csv_html_and_pdf_and_an_entity_lists_as_its_comparison()
    {
        var (group, keys, entity) = await SeedAsync();

        var csvFile = _directory.File("followers.csv");
        var csv = await MonitorCli.RunAsync(silo.Address, "reports", "get", "--group", group, "--period", "month", "--at", "2020-10-15", "--format", "csv", "--file", csvFile);
        Assert.Equal(0, csv.ExitCode);
        Assert.StartsWith($"Wrote {csvFile} (", csv.Output, StringComparison.Ordinal);
        var served = await silo.Http.GetByteArrayAsync($"api/reports/groups/{group}/csv/followers?{October}", Cancellation);
        Assert.Equal(served, await File.ReadAllBytesAsync(csvFile, Cancellation));
        Assert.Equal(keys, (await File.ReadAllLinesAsync(csvFile, Cancellation)).Skip(1).Select(line => line.Split(',')[1]));

        var htmlFile = _directory.File("report.html");
        var html = await MonitorCli.RunAsync(silo.Address, "reports", "get", "--group", group, "--period", "range", "--from", "2020-10-01", "--to", "2020-10-31", "--file", htmlFile, "--output", "json");
        Assert.Equal(0, html.ExitCode);
        using (var written = JsonDocument.Parse(html.Output))
        {
            Assert.Equal("text/html", written.RootElement.GetProperty("contentType").GetString());
            Assert.Equal(new FileInfo(htmlFile).Length, written.RootElement.GetProperty("bytes").GetInt64());
        }

        Assert.Contains($"<h1>{group}: 2020-10-01 to 2020-10-31</h1>", await File.ReadAllTextAsync(htmlFile, Cancellation), StringComparison.Ordinal);

        var entitiesFile = _directory.File("entities.csv");
        var comparison = await MonitorCli.RunAsync(silo.Address, "reports", "get", "--entities", entity, "--period", "month", "--at", "2020-10-15", "--format", "csv", "--table", "entities", "--file", entitiesFile);
        Assert.Equal(0, comparison.ExitCode);
        var rows = await File.ReadAllLinesAsync(entitiesFile, Cancellation);
        Assert.Equal(2, rows.Length);
        Assert.StartsWith($"1,{entity},", rows[1], StringComparison.Ordinal);
        Assert.Contains(",906000,", rows[1], StringComparison.Ordinal); // its one account's followers on 2020-10-31

        if (ChromiumLocator.Find(null) is not null)
        {
            var pdfFile = _directory.File("report.pdf");
            var pdf = await MonitorCli.RunAsync(silo.Address, "reports", "get", "--group", group, "--period", "month", "--at", "2020-10-15", "--format", "pdf", "--file", pdfFile);
            Assert.Equal(0, pdf.ExitCode);
            Assert.Equal("%PDF-", Encoding.ASCII.GetString((await File.ReadAllBytesAsync(pdfFile, Cancellation))[..5]));
        }
    }

    [Fact]
    public async Task An_unknown_group_exits_not_found_and_writes_no_file_and_a_subject_is_required()
    {
        var file = _directory.File("missing.html");
        var missing = await MonitorCli.RunAsync(silo.Address, "reports", "get", "--group", "no-such-group", "--file", file);
        Assert.Equal((ExitCodes.NotFound, "error: no group no-such-group (or it has no members)."), (missing.ExitCode, missing.Error.Trim()));
        Assert.False(File.Exists(file));
        Assert.False(File.Exists(file + ".part"));

        var neither = await MonitorCli.RunAsync(silo.Address, "reports", "get", "--file", file);
        Assert.Equal(ExitCodes.Usage, neither.ExitCode);
        Assert.Contains("Give either --group or --entities.", neither.Error, StringComparison.Ordinal);

        var badDay = await MonitorCli.RunAsync(silo.Address, "reports", "get", "--group", "no-such-group", "--at", "2020-13-01", "--file", file);
        Assert.Equal(ExitCodes.SiloRefused, badDay.ExitCode);
        Assert.Contains("400", badDay.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedules_are_added_listed_and_removed()
    {
        var (group, _, entity) = await SeedAsync();
        var receiver = "cli-" + Guid.NewGuid().ToString("N")[..8];
        using (var created = await silo.Http.PostAsJsonAsync("api/webhooks", new { id = receiver, url = "https://hooks.example.com/monitor", secret = "0123456789abcdef0123" }, Cancellation))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Cancellation));
        }

        var weekly = await MonitorCli.RunAsync(silo.Address, "reports", "schedules", "add", "--group", group, "--cadence", "week", "--receiver", receiver, "--id", "weekly-" + receiver);
        Assert.Equal((0, $"Added weekly-{receiver}  week   group {group}  -> {receiver}  (link)"), (weekly.ExitCode, weekly.Output.Trim()));
        var monthly = await MonitorCli.RunAsync(silo.Address, "reports", "schedules", "add", "--entities", entity, "--cadence", "month", "--receiver", receiver, "--delivery", "pdf", "--output", "json");
        Assert.Equal(0, monthly.ExitCode);
        var added = JsonSerializer.Deserialize<ReportSchedule>(monthly.Output, MonitorClient.JsonOptions)!;
        Assert.Equal([entity], added.Entities);
        Assert.Equal(("pdf", (string?)null), (added.Delivery, added.Group));

        var unknown = await MonitorCli.RunAsync(silo.Address, "reports", "schedules", "add", "--group", group, "--cadence", "week", "--receiver", "no-such-receiver");
        Assert.Equal(ExitCodes.SiloRefused, unknown.ExitCode);
        Assert.Contains("receiver", unknown.Error, StringComparison.Ordinal);

        var list = await MonitorCli.RunAsync(silo.Address, "reports", "schedules", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains($"weekly-{receiver}  week   group {group}  -> {receiver}  (link)", list.Output, StringComparison.Ordinal);
        Assert.Contains($"{added.Id}  month  entities {entity}  -> {receiver}  (pdf)", list.Output, StringComparison.Ordinal);

        var remove = await MonitorCli.RunAsync(silo.Address, "reports", "schedules", "remove", "weekly-" + receiver);
        var again = await MonitorCli.RunAsync(silo.Address, "reports", "schedules", "remove", "weekly-" + receiver);
        Assert.Equal((0, ExitCodes.NotFound), (remove.ExitCode, again.ExitCode));
        Assert.Equal([$"error: no report schedule weekly-{receiver}."], again.ErrorLines);
        Assert.DoesNotContain(await silo.Client.ListReportSchedulesAsync(Cancellation), schedule => schedule.Id == "weekly-" + receiver);
    }

    public void Dispose() => _directory.Dispose();

    // Three accounts growing at their own pace over September and October 2020 (largest first); an entity owns the largest.
    private async Task<(string Group, string[] Keys, string Entity)> SeedAsync()
    {
        var group = TestAccounts.NewGroup();
        var keys = new[] { TestAccounts.NewKey(), TestAccounts.NewKey(), TestAccounts.NewKey() };
        (long Start, long PerDay)[] paces = [(900_000, 100), (40_000, 400), (5_000, 60)];
        foreach (var key in keys)
        {
            await silo.Client.PutAccountAsync(key, new AccountProfile(Handle: key[2..], Groups: [group]), Cancellation);
        }

        var first = new DateOnly(2020, 9, 1);
        var observations = keys.SelectMany((key, i) => Enumerable.Range(0, 61).Select(day => new ObservationInput(
            key, new DateTimeOffset(first.AddDays(day).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), paces[i].Start + (day * paces[i].PerDay)))).ToList();
        var stored = await silo.Client.PostObservationsAsync(observations, Cancellation);
        Assert.Empty(stored.Rejected);
        var entity = await silo.Client.CreateEntityAsync(new CreateEntityRequest("Office " + group, null, "office", [keys[0]]), Cancellation);
        return (group, keys, entity.Id);
    }
}
