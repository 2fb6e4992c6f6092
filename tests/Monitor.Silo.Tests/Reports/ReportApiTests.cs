using System.Net;
using System.Text.Json;
using Monitor.Hosting;
using Monitor.Silo.Tests.Infrastructure;
using Xunit;
using Monitor.Testing;

namespace Monitor.Silo.Tests.Reports;

/// <summary>/api/reports on a silo whose configured Chromium does not exist: HTML, JSON and CSV work, PDF is a 503 naming what is missing, bad input is a 400.</summary>
public sealed class ReportApiTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new("monitor-report-tests-");
    private RunningSilo _silo = null!;
    private string _group = null!;
    private string[] _keys = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var options = new SiloHostOptions().UseSqlite(_directory.File("silo.db"));
        options.Configuration["Monitor:Reports:ChromiumPath"] = _directory.File("no-such-chromium");
        _silo = await RunningSilo.StartAsync(options);
        (_group, _keys) = await ReportGroupData.SeedAsync(_silo);
    }

    [Fact]
    public async Task The_monthly_report_ranks_by_followers_and_growth_over_the_month()
    {
        using var json = JsonDocument.Parse(await _silo.Http.GetStringAsync($"api/reports/groups/{_group}/json?period=month&at=2020-10-15", Cancellation));
        var report = json.RootElement;
        Assert.Equal("2020-10-01", report.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2020-10-31", report.GetProperty("period").GetProperty("to").GetString());
        var byFollowers = Ranking(report, "followers");
        Assert.Equal(_keys, byFollowers.Select(row => row.GetProperty("account").GetString()));
        // The second account gains 400 a day: from 2020-09-30 (day 29) to 2020-10-31 (day 60) is 31 days.
        var second = byFollowers[1];
        Assert.Equal(40_000 + (29 * 400), second.GetProperty("followersAtStart").GetInt64());
        Assert.Equal(40_000 + (60 * 400), second.GetProperty("followersAtEnd").GetInt64());
        Assert.Equal(31 * 400, second.GetProperty("change").GetInt64());
        Assert.Equal([_keys[1], _keys[0], _keys[2]], Ranking(report, "growth").Select(row => row.GetProperty("account").GetString()));
        Assert.Equal([_keys[2], _keys[1], _keys[0]], Ranking(report, "growthPercent").Select(row => row.GetProperty("account").GetString()));
        Assert.Equal(["imported"], byFollowers.Select(row => row.GetProperty("source").GetString()).Distinct());
    }

    [Fact]
    public async Task The_csv_ranking_matches_the_json_ranking()
    {
        using var json = JsonDocument.Parse(await _silo.Http.GetStringAsync($"api/reports/groups/{_group}/json?period=range&from=2020-09-10&to=2020-10-20", Cancellation));
        using var response = await _silo.Http.GetAsync($"api/reports/groups/{_group}/csv/growthPercent?period=range&from=2020-09-10&to=2020-10-20", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Cancellation)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var expected = Ranking(json.RootElement, "growthPercent");
        Assert.Equal(expected.Length + 1, lines.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var fields = lines[i + 1].Split(',');
            Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), fields[0]);
            Assert.Equal(expected[i].GetProperty("account").GetString(), fields[1]);
            Assert.Equal(expected[i].GetProperty("change").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), fields[6]);
        }
    }

    [Fact]
    public async Task The_html_report_is_served_with_a_policy_that_admits_only_its_own_style()
    {
        using var response = await _silo.Http.GetAsync($"api/reports/groups/{_group}?period=week&at=2020-10-01", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", policy, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("week 2020-W40 (2020-09-28 to 2020-10-04)", html, StringComparison.Ordinal);
        Assert.Contains($"data-account=\"{_keys[0]}\"", html, StringComparison.Ordinal);

        var index = await _silo.Http.GetStringAsync("api/reports", Cancellation);
        Assert.Contains($"data-group=\"{_group}\"", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_chromium_the_pdf_is_a_503_problem_naming_it()
    {
        using var response = await _silo.Http.GetAsync($"api/reports/groups/{_group}/pdf?period=month&at=2020-10-01", Cancellation);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("chromium", problem.RootElement.GetProperty("missing").GetString());
        Assert.Contains("no-such-chromium", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?period=fortnight", "period")]
    [InlineData("?period=week&at=2020-13-01", "at")]
    [InlineData("?period=range&from=2020-10-01", "to")]
    [InlineData("?period=range&from=2020-10-02&to=2020-10-01", "to")]
    [InlineData("?from=yesterday&to=2020-10-01", "from")]
    [InlineData("?period=range&from=1990-01-01&to=2020-10-01", "to")]
    public async Task A_bad_period_is_a_400_problem_naming_the_parameter(string query, string field)
    {
        using var response = await _silo.Http.GetAsync($"api/reports/groups/{_group}{query}", Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"The problem names no '{field}': {problem.RootElement}");
    }

    [Fact]
    public async Task An_unknown_group_is_404_and_an_unknown_table_400()
    {
        using var missing = await _silo.Http.GetAsync("api/reports/groups/no-such-group?period=month&at=2020-10-01", Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        using var table = await _silo.Http.GetAsync($"api/reports/groups/{_group}/csv/everything", Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, table.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    private static JsonElement[] Ranking(JsonElement report, string id) =>
        report.GetProperty("rankings").EnumerateArray().Single(ranking => ranking.GetProperty("id").GetString() == id).GetProperty("rows").EnumerateArray().ToArray();
}
