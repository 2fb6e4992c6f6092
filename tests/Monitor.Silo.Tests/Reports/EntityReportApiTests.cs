using System.Globalization;
using System.Net;
using System.Text.Json;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Reports;

/// <summary>The entity comparison of a group's report and the reports of entity lists, on a silo with real grains over SQLite.</summary>
public sealed class EntityReportApiTests : IAsyncLifetime
{
    private const string October = "period=month&at=2020-10-15";

    private readonly TemporaryDirectory _directory = new("monitor-entity-report-tests-");
    private RunningSilo _silo = null!;
    private ReportEntityData _data = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var options = new SiloHostOptions().UseSqlite(_directory.File("silo.db"));
        options.Configuration["Monitor:Reports:ChromiumPath"] = _directory.File("no-such-chromium");
        _silo = await RunningSilo.StartAsync(options);
        _data = await ReportEntityData.SeedAsync(_silo);
    }

    [Fact]
    public async Task A_group_report_compares_its_entities_with_all_their_accounts_in_json_csv_and_html()
    {
        using var json = JsonDocument.Parse(await _silo.Http.GetStringAsync($"api/reports/groups/{_data.Group}/json?{October}", Cancellation));
        var rows = json.RootElement.GetProperty("entities").GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal([_data.Office, _data.Person, null], rows.Select(row => row.TryGetProperty("entity", out var entity) ? entity.GetString() : null));

        // October's figures run from 2020-09-30 (day 29) to 2020-10-31 (day 60); the office's Telegram account is outside the group.
        var office = rows[0];
        Assert.Equal(900_000 + (60 * 100) + ReportEntityData.OutsideStart + (60 * ReportEntityData.OutsidePerDay), office.GetProperty("followersAtEnd").GetInt64());
        Assert.Equal(31 * (100 + ReportEntityData.OutsidePerDay), office.GetProperty("change").GetInt64());
        var platforms = office.GetProperty("platforms").EnumerateArray().ToArray();
        Assert.Equal(["x", "telegram"], platforms.Select(platform => platform.GetProperty("platform").GetString()));
        Assert.Equal(260_000, platforms[1].GetProperty("followers").GetInt64());
        Assert.Equal(1.0, platforms.Sum(platform => platform.GetProperty("share").GetDouble()), 9);
        Assert.Contains("upper bound", json.RootElement.GetProperty("entities").GetProperty("reachNote").GetString(), StringComparison.Ordinal);
        Assert.Equal(_data.Keys[2], rows[2].GetProperty("accounts")[0].GetString()); // the member of no entity stands alone

        var csv = (await _silo.Http.GetStringAsync($"api/reports/groups/{_data.Group}/csv/entities?{October}", Cancellation)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows.Length + 1, csv.Length);
        Assert.Equal(rows.Select(row => row.GetProperty("followersAtEnd").GetInt64().ToString(CultureInfo.InvariantCulture)), csv.Skip(1).Select(line => line.Split(',')[7]));
        Assert.Contains("share_telegram", csv[0], StringComparison.Ordinal);

        var html = await _silo.Http.GetStringAsync($"api/reports/groups/{_data.Group}?{October}", Cancellation);
        Assert.Contains("<section id=\"entities\" class=\"entities page\"", html, StringComparison.Ordinal);
        Assert.Contains("data-expected-pages=\"3\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entity_list_report_covers_every_account_of_the_entities_in_each_form()
    {
        var ids = $"{_data.Person},{_data.Office}";
        using var json = JsonDocument.Parse(await _silo.Http.GetStringAsync($"api/reports/entities/json?ids={ids}&{October}", Cancellation));
        var report = json.RootElement;
        Assert.Equal("entities", report.GetProperty("subject").GetProperty("kind").GetString());
        Assert.Equal(string.Join(',', new[] { _data.Office, _data.Person }.Order(StringComparer.Ordinal)), report.GetProperty("subject").GetProperty("id").GetString());
        var members = report.GetProperty("members").EnumerateArray().Select(member => member.GetProperty("account").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { _data.Keys[0], _data.Keys[1], _data.Outside }.Order(StringComparer.Ordinal), members);
        var followers = report.GetProperty("rankings").EnumerateArray().Single(ranking => ranking.GetProperty("id").GetString() == "followers").GetProperty("rows");
        Assert.Equal([_data.Keys[0], _data.Outside, _data.Keys[1]], followers.EnumerateArray().Select(row => row.GetProperty("account").GetString()));
        Assert.Equal([_data.Office, _data.Person], report.GetProperty("entities").GetProperty("rows").EnumerateArray().Select(row => row.GetProperty("entity").GetString()));

        var csv = (await _silo.Http.GetStringAsync($"api/reports/entities/csv/followers?ids={ids}&{October}", Cancellation)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([_data.Keys[0], _data.Outside, _data.Keys[1]], csv.Skip(1).Select(line => line.Split(',')[1]));

        using var page = await _silo.Http.GetAsync($"api/reports/entities?ids={ids}&{October}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains($"<h1>Office {_data.Office["office-".Length..]}, Person {_data.Person["person-".Length..]}: October 2020</h1>", html, StringComparison.Ordinal);

        using var pdf = await _silo.Http.GetAsync($"api/reports/entities/pdf?ids={ids}&{October}", Cancellation);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pdf.StatusCode); // this silo's Chromium does not exist
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest, "ids")]
    [InlineData("?ids=,", HttpStatusCode.BadRequest, "ids")]
    [InlineData("?ids=no-such-entity&period=month", HttpStatusCode.NotFound, null)]
    [InlineData("?ids=OFFICE&period=fortnight", HttpStatusCode.BadRequest, "period")]
    public async Task A_bad_entity_list_is_a_problem_naming_what_is_wrong(string query, HttpStatusCode status, string? field)
    {
        using var response = await _silo.Http.GetAsync("api/reports/entities/json" + query.Replace("OFFICE", _data.Office, StringComparison.Ordinal), Cancellation);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        if (field is null)
        {
            Assert.Contains("no-such-entity", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"The problem names no '{field}': {problem.RootElement}");
        }
    }

    [Fact]
    public async Task The_openapi_document_names_the_entity_reports_query_parameters_as_the_docs_do()
    {
        using var document = JsonDocument.Parse(await _silo.Http.GetStringAsync("openapi/v1.json", Cancellation));
        var get = document.RootElement.GetProperty("paths").GetProperty("/api/reports/entities").GetProperty("get");
        var names = get.GetProperty("parameters").EnumerateArray().Select(parameter => parameter.GetProperty("name").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["at", "from", "ids", "period", "to"], names);
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }
}
