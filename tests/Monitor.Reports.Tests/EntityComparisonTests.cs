using System.Text.RegularExpressions;
using Monitor.Abstractions.Entities;
using Xunit;
using static Monitor.Reports.Tests.ReportFixtures;

namespace Monitor.Reports.Tests;

/// <summary>The entity comparison: every account of an entity counted (in the report or not), lone members on their own, ranked by combined reach.</summary>
public sealed partial class EntityComparisonTests
{
    private static readonly DateOnly First = new(2020, 9, 20);
    private static readonly ReportPeriod Week = ReportPeriod.WeekOf(new DateOnly(2020, 10, 1)); // starts on index 8, ends on index 14

    private static readonly ReportAccountInput Big = Account("x:big", "Big", First, Series(1_000_000, 100));
    private static readonly ReportAccountInput Fast = Account("x:fast", "Fast", First, Series(10_000, 500), synthetic: true);
    private static readonly ReportAccountInput Shrinking = Account("bluesky:shrink", "Shrinking", First, Series(50_000, -1_000));
    private static readonly ReportAccountInput Lone = Account("x:lone", "Lone", First, Series(100, 10));
    private static readonly ReportAccountInput BigOnFacebook = Account("facebook:bigfb", "Big on Facebook", First, Series(200_000, 1_000)); // not a member

    private static readonly Entity BigOffice = new("big-office", "Big Office", "office", ["x:big", "facebook:bigfb"]);
    private static readonly Entity FastPerson = new("fast-person", "Fast Person", "person", ["x:fast", "bluesky:shrink"]);
    private static readonly Entity Elsewhere = new("elsewhere", "Elsewhere", null, ["x:unrelated"]);

    [Fact]
    public void An_entity_adds_up_all_its_accounts_over_the_period_and_lone_members_stand_alone()
    {
        var comparison = Build().Entities;
        Assert.Equal(["big-office", "fast-person", null], comparison.Rows.Select(row => row.Entity));
        var office = comparison.Rows[0];
        // Start: the counts of 2020-09-27 (index 7); end: 2020-10-04 (index 14). The Facebook account is outside the group and still counts.
        Assert.Equal(1_000_700 + 207_000, office.FollowersAtStart);
        Assert.Equal(1_001_400 + 214_000, office.FollowersAtEnd);
        Assert.Equal(700 + 7_000, office.Change);
        Assert.Equal(7_700.0 / 1_207_700, office.ChangeShare!.Value, 12);
        Assert.Equal(["x", "facebook"], office.Platforms.Select(platform => platform.Platform));
        Assert.Equal(1_001_400.0 / 1_215_400, office.Platforms[0].Share, 12);
        Assert.Equal(214_000, office.Platforms[1].Followers);
        Assert.False(office.Synthetic);

        var person = comparison.Rows[1];
        Assert.Equal(17_000 + 36_000, person.FollowersAtEnd);
        Assert.Equal(3_500 - 7_000, person.Change);
        Assert.True(person.Synthetic);
        Assert.Equal(["bluesky", "x"], person.Platforms.Select(platform => platform.Platform));

        var lone = comparison.Rows[2];
        Assert.Equal("Lone", lone.Name);
        Assert.Equal(["x:lone"], lone.Accounts);
        Assert.Equal(240, lone.FollowersAtEnd);
        // Growth ranks: lone +41%, office +0.64%, person -6.2%.
        Assert.Equal([2, 3, 1], comparison.Rows.Select(row => row.GrowthRank));
        Assert.Contains("upper bound", comparison.ReachNote, StringComparison.Ordinal);
    }

    [Fact]
    public void The_comparison_is_its_own_page_in_the_html_in_rank_order_with_the_overlap_caveat()
    {
        var report = Build();
        var html = ReportHtml.Render(report);
        var section = Regex.Match(html, "<section id=\"entities\" class=\"entities page\" data-section=\"entities\">(.*?)</section>").Groups[1].Value;
        Assert.Contains("audiences overlap", section, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["big-office", "fast-person", ""], EntityRow().Matches(section).Select(match => match.Groups[1].Value));
        Assert.Contains("x 82.4% · facebook 17.6%", section, StringComparison.Ordinal);
        Assert.Contains("1,215,400", section, StringComparison.Ordinal);
        Assert.Equal(3, ReportSections.ExpectedPages(report));
    }

    [Fact]
    public void Without_an_entity_the_report_has_no_comparison_page()
    {
        var report = GroupReportBuilder.Build(new ReportInput(ReportSubject.Group("g"), Week, DateTimeOffset.UnixEpoch, [Big, Lone], [], [], [Elsewhere]));
        Assert.False(report.Entities.HasEntities);
        Assert.DoesNotContain("data-section=\"entities\"", ReportHtml.Render(report), StringComparison.Ordinal);
        Assert.Equal(2, ReportSections.ExpectedPages(report));
    }

    [Fact]
    public void The_csv_table_has_a_row_per_entity_and_a_share_column_per_platform()
    {
        using var text = new StringWriter();
        ReportCsvTables.Write(Build(), ReportCsvTables.Entities, text);
        var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("rank,entity,name,kind,accounts,accounts_with_data,followers_start,followers_end,change,growth_percent,growth_rank,synthetic,share_bluesky,share_facebook,share_x", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal("1,big-office,Big Office,office,x:big facebook:bigfb,2,1207700,1215400,7700,0.6376,2,false,,17.6074,82.3926", lines[1]);
        Assert.StartsWith("2,fast-person,Fast Person,person,x:fast bluesky:shrink,2,56500,53000,-3500,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("3,,Lone,,x:lone,1,170,240,70,", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void An_entity_list_report_keeps_its_entities_incidents_and_not_a_groups()
    {
        var own = new Abstractions.Alerts.Incident("inc-1", "entity:fast-person", "surge", At(new DateOnly(2020, 9, 29)), null, [], ["x:fast", "bluesky:shrink"]);
        var group = new Abstractions.Alerts.Incident("inc-2", "g", "surge", At(new DateOnly(2020, 9, 29)), null, [], ["x:fast"]);
        var report = GroupReportBuilder.Build(new ReportInput(
            ReportSubject.Entities(["fast-person"], "Fast Person"), Week, DateTimeOffset.UnixEpoch, [Fast, Shrinking], [], [own, group], [FastPerson]));
        Assert.Equal(["inc-1"], report.Incidents.Select(item => item.Incident.Id));
        Assert.Contains("data-entities=\"fast-person\"", ReportHtml.Render(report), StringComparison.Ordinal);
        Assert.Equal(["fast-person"], report.Entities.Rows.Select(row => row.Entity));
    }

    private static GroupReport Build() =>
        GroupReportBuilder.Build(new ReportInput(
            ReportSubject.Group("g"), Week, DateTimeOffset.UnixEpoch, [Big, Fast, Shrinking, Lone], [], [], [BigOffice, FastPerson, Elsewhere], [BigOnFacebook]));

    private static long[] Series(long start, long perDay) => Enumerable.Range(0, 21).Select(day => start + (day * perDay)).ToArray();

    [GeneratedRegex("<tr data-entity=\"([^\"]*)\"")]
    private static partial Regex EntityRow();
}
