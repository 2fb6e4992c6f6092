using System.Text.RegularExpressions;
using Monitor.Reports;
using Xunit;
using static Monitor.Reports.Tests.ReportFixtures;

namespace Monitor.Reports.Tests;

public sealed partial class ReportRenderingTests
{
    [Fact]
    public void The_html_ranking_tables_follow_the_rankings_and_synthetic_members_are_marked()
    {
        var report = GroupReportBuilderTests.Build();
        var html = ReportHtml.Render(report);
        foreach (var ranking in report.Rankings)
        {
            var table = Regex.Match(html, $"<table class=\"ranking\" data-ranking=\"{ranking.Id}\">(.*?)</table>").Groups[1].Value;
            Assert.Equal(ranking.Rows.Select(row => row.Account), RowAccount().Matches(table).Select(match => match.Groups[1].Value));
        }

        Assert.Contains("class=\"synthetic-notice\" data-synthetic=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("Fast <span class=\"synthetic\">synthetic</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Big <span class=\"synthetic\">", html, StringComparison.Ordinal);
        Assert.Contains("CONTAINS SYNTHETIC DATA", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Names_are_encoded_and_every_alert_gets_a_page_with_a_chart()
    {
        var odd = Account("x:odd", "Odd <b>&", new DateOnly(2020, 9, 20), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], synthetic: true);
        var alert = Alert("surge-1", "x:odd", At(new DateOnly(2020, 9, 29)), null);
        var report = GroupReportBuilder.Build(new ReportInput(ReportSubject.Group("g"), ReportPeriod.WeekOf(new DateOnly(2020, 10, 1)), DateTimeOffset.UnixEpoch, [odd], [alert], []));
        var html = ReportHtml.Render(report);
        Assert.Contains("Odd &lt;b&gt;&amp;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Odd <b>", html, StringComparison.Ordinal);
        Assert.Equal(3, ReportSections.ExpectedPages(report)); // summary, growth, one alert
        Assert.Contains("data-expected-pages=\"3\"", html, StringComparison.Ordinal);
        var article = Regex.Match(html, "<article class=\"episode page\" data-alert=\"surge-1\">(.*?)</article>").Groups[1].Value;
        Assert.Contains("<svg class=\"chart\"", article, StringComparison.Ordinal);
        Assert.Contains("<polyline", article, StringComparison.Ordinal);
        Assert.Contains("Odd &lt;b&gt;&amp; (synthetic)", article, StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_ranking_has_a_row_per_ranked_member_in_order_with_exact_figures()
    {
        var report = GroupReportBuilderTests.Build();
        using var text = new StringWriter();
        ReportCsvTables.Write(report, GroupReport.ByGrowth, text);
        var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rank,account,platform,name,followers_start,followers_end,change,growth_percent,synthetic,source", lines[0]);
        var rows = report.Ranking(GroupReport.ByGrowth).Rows;
        Assert.Equal(rows.Count + 1, lines.Length);
        Assert.Equal("1,x:fast,x,Fast,13500,17000,3500,25.9259,true,imported", lines[1]);
        Assert.Equal(rows.Select(row => row.Account), lines.Skip(1).Select(line => line.Split(',')[1]));
    }

    [Fact]
    public void The_csv_quotes_a_name_with_a_comma()
    {
        var report = GroupReportBuilderTests.Build();
        report = report with { Rankings = [new ReportRanking(GroupReport.ByFollowers, "t", [report.Members[0] with { Name = "Ministry, \"MFA\"" }])] };
        using var text = new StringWriter();
        ReportCsvTables.Write(report, GroupReport.ByFollowers, text);
        Assert.Contains(",\"Ministry, \"\"MFA\"\"\",", text.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr data-account=\"([^\"]+)\">")]
    private static partial Regex RowAccount();
}
