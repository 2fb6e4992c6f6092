using Monitor.Abstractions.Alerts;
using Monitor.Demo;
using Monitor.Hosting.Cli;
using Xunit;

namespace Monitor.Silo.Tests.Cli;

/// <summary>The demo's alert count line counts every alert it lists, whatever its kind.</summary>
public sealed class DemoAlertCountTests
{
    [Fact]
    public void Every_alert_is_counted_with_its_kind()
    {
        AlertView[] alerts = [Alert("surge"), Alert("spike"), Alert("surge"), Alert("surge"), Alert("surge")];

        Assert.Equal("Alerts raised: 5 (4 surge, 1 spike)", DemoRunner.DescribeAlertCount(alerts));
        Assert.Equal("Alerts raised: 0", DemoRunner.DescribeAlertCount([]));
    }

    private static AlertView Alert(string kind)
    {
        var start = new DateTimeOffset(2020, 10, 2, 0, 0, 0, TimeSpan.Zero);
        return new AlertView($"{kind}-x:@a-{Guid.NewGuid():N}", "x:@a", kind, "warning", "resolved", start, start.AddDays(18), 1_000, start.AddDays(30), 10, 100, 9, 900, 0.9, []);
    }
}
